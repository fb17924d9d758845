package com.anastig.platform.account;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.mail.MailOutbox;
import com.anastig.platform.mail.MailTemplates;
import com.anastig.platform.security.SecurityEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import com.anastig.platform.throttle.Limit;
import com.anastig.platform.throttle.Throttle;
import org.jdbi.v3.core.Jdbi;

/**
 * Changing the e-mail address: the password confirms the person; a link goes to the new address and
 * a notice to the old one; the change takes effect only when the new address is confirmed.
 */
public final class EmailChangeService {
    static final String CHANGE_EMAIL = "change_email";
    static final Duration TTL = Duration.ofMinutes(60);

    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHashing passwords;
    private final AccountTokens tokens;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final SecurityEvents events;
    private final Throttle throttle;

    public EmailChangeService(Jdbi jdbi, Clock clock, PasswordHashing passwords, AccountTokens tokens, MailOutbox outbox,
                              MailTemplates templates, SecurityEvents events, Throttle throttle) {
        this.throttle = throttle;
        this.jdbi = jdbi;
        this.clock = clock;
        this.passwords = passwords;
        this.tokens = tokens;
        this.outbox = outbox;
        this.templates = templates;
        this.events = events;
    }

    /** Starts a change (always the same answer for a right password, whether or not the new address is taken). */
    public void request(UUID accountId, String rawNewEmail, String password, SecurityEvents.Origin origin) {
        throttle.consume(Limit.EMAIL_CHANGE_PER_ACCOUNT, accountId.toString());
        EmailAddress next = EmailAddress.parse(rawNewEmail)
            .orElseThrow(() -> ApiException.invalid(List.of(new Problem.FieldError("email", "is not a valid e-mail address"))));
        AccountRow account = jdbi.withExtension(AccountDao.class, dao -> dao.find(accountId)).orElseThrow();
        if (password == null || !passwords.verify(password, account.passwordHash()).matches()) {
            events.record(accountId, "email_change_failed", origin);
            throw ApiException.forbidden("invalid_password", "The password is wrong.");
        }
        jdbi.useTransaction(h -> {
            boolean taken = h.attach(AccountDao.class).findByEmail(next.normalized()).isPresent();
            if (taken) {
                outbox.enqueue(h, templates.render("account_exists", account.language(), next.value(), account.name(), "/login"));
            } else {
                String token = tokens.issue(h, accountId, CHANGE_EMAIL, TTL, next.value());
                outbox.enqueue(h, templates.render(CHANGE_EMAIL, account.language(), next.value(), account.name(),
                    "/verify-email?token=" + token));
            }
            outbox.enqueue(h, templates.render("email_change_notice", account.language(), account.email(), account.name(),
                "/settings/security"));
            events.record(h, accountId, "email_change_requested", origin);
        });
    }

    /** Applies a confirmed change (in the verification transaction). */
    void apply(Handle h, UUID accountId, String newEmail, SecurityEvents.Origin origin) {
        EmailAddress next = EmailAddress.parse(newEmail).orElseThrow();
        int changed = h.createUpdate("UPDATE account SET email = :email, email_normalized = :normalized, email_verified_at = :now,"
                + " updated_at = :now WHERE id = :id AND NOT EXISTS (SELECT 1 FROM account o WHERE o.email_normalized = :normalized AND o.id <> :id)")
            .bind("email", next.value()).bind("normalized", next.normalized()).bind("now", clock.instant()).bind("id", accountId).execute();
        if (changed == 0) {
            throw ApiException.conflict("email_taken", "That address belongs to another account now.");
        }
        events.record(h, accountId, "email_changed", origin);
    }
}
