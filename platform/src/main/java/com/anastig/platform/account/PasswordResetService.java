package com.anastig.platform.account;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.mail.MailOutbox;
import com.anastig.platform.mail.MailTemplates;
import com.anastig.platform.security.SecurityEvents;
import com.anastig.platform.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import com.anastig.platform.throttle.Limit;
import com.anastig.platform.throttle.Throttle;
import org.jdbi.v3.core.Jdbi;

/**
 * Password reset by mailed link (hashed, single-use, 60 minutes; the same 202 for known and unknown
 * addresses), and password change by the signed-in person. Both end the other sessions; MFA stays
 * required at the next login.
 */
public final class PasswordResetService {
    public static final Duration RESET_TTL = Duration.ofMinutes(60);
    public static final String PASSWORD_RESET = "password_reset";

    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHashing passwords;
    private final AccountTokens tokens;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final SessionStore sessions;
    private final SecurityEvents events;
    private final Throttle throttle;

    public PasswordResetService(Jdbi jdbi, Clock clock, PasswordHashing passwords, AccountTokens tokens, MailOutbox outbox,
                                MailTemplates templates, SessionStore sessions, SecurityEvents events, Throttle throttle) {
        this.throttle = throttle;
        this.jdbi = jdbi;
        this.clock = clock;
        this.passwords = passwords;
        this.tokens = tokens;
        this.outbox = outbox;
        this.templates = templates;
        this.sessions = sessions;
        this.events = events;
    }

    /** Mails a reset link when the address has an account; silent otherwise. */
    public void request(String rawEmail, SecurityEvents.Origin origin) {
        throttle.consume(Limit.PASSWORD_RESET_PER_IP, origin.clientIp());
        throttle.consume(Limit.PASSWORD_RESET_PER_EMAIL, rawEmail == null ? "" : rawEmail);
        Optional<EmailAddress> email = EmailAddress.parse(rawEmail);
        if (email.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> h.attach(AccountDao.class).findByEmail(email.get().normalized())
            .filter(a -> !AccountRow.FROZEN.equals(a.status()))
            .ifPresent(a -> {
                String token = tokens.issue(h, a.id(), PASSWORD_RESET, RESET_TTL);
                outbox.enqueue(h, templates.render(PASSWORD_RESET, a.language(), a.email(), a.name(), "/reset-password?token=" + token));
                events.record(h, a.id(), "password_reset_requested", origin);
            }));
    }

    /** Sets a new password with the mailed token; every session of the account ends. */
    public void confirm(String token, String newPassword, SecurityEvents.Origin origin) {
        checkPassword(newPassword);
        String hash = passwords.hash(newPassword);
        List<UUID> revoked = jdbi.inTransaction(h -> {
            UUID account = tokens.redeem(h, PASSWORD_RESET, token);
            setPassword(h, account, hash);
            events.record(h, account, "password_reset", origin);
            return sessions.revokeAll(h, account, null, "password_reset");
        });
        sessions.evict(revoked);
    }

    /** The signed-in person changes their password; their other sessions end. */
    public void change(UUID accountId, UUID currentSession, String currentPassword, String newPassword, SecurityEvents.Origin origin) {
        throttle.consume(Limit.PASSWORD_CHANGE_PER_ACCOUNT, accountId.toString());
        AccountRow account = jdbi.withExtension(AccountDao.class, dao -> dao.find(accountId)).orElseThrow();
        if (currentPassword == null || !passwords.verify(currentPassword, account.passwordHash()).matches()) {
            events.record(accountId, "password_change_failed", origin);
            throw ApiException.forbidden("invalid_password", "The current password is wrong.");
        }
        checkPassword(newPassword);
        String hash = passwords.hash(newPassword);
        List<UUID> revoked = jdbi.inTransaction(h -> {
            setPassword(h, accountId, hash);
            events.record(h, accountId, "password_changed", origin);
            return sessions.revokeAll(h, accountId, currentSession, "password_changed");
        });
        sessions.evict(revoked);
    }

    private void checkPassword(String password) {
        if (password == null) {
            throw ApiException.invalid(List.of(new Problem.FieldError("password", "is required")));
        }
        List<Problem.FieldError> problems = passwords.check("password", password);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    private void setPassword(org.jdbi.v3.core.Handle h, UUID account, String hash) {
        Instant now = clock.instant();
        h.createUpdate("UPDATE account SET password_hash = :hash, password_changed_at = :now, updated_at = :now WHERE id = :id")
            .bind("hash", hash).bind("now", now).bind("id", account).execute();
    }
}
