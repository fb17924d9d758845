package com.anastig.platform.account;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.legal.LegalDocuments;
import com.anastig.platform.mail.MailOutbox;
import com.anastig.platform.mail.MailTemplates;
import com.anastig.platform.security.SecurityEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import com.anastig.platform.throttle.Limit;
import com.anastig.platform.throttle.Throttle;
import org.jdbi.v3.core.Jdbi;

/**
 * Sign-up with consent, and e-mail verification. Sign-up does the same work whether or not the
 * e-mail is taken (a password hash, one transaction, one queued mail), so neither its answer nor its
 * timing tells whether an account exists.
 */
public final class AccountService {
    public static final Duration VERIFICATION_TTL = Duration.ofMinutes(60);
    static final String VERIFY_EMAIL = "verify_email";

    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHashing passwords;
    private final LegalDocuments legal;
    private final AccountTokens tokens;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final SecurityEvents events;
    private final Throttle throttle;
    private final FirstOrganization firstOrganization;

    /** Creates the organization named at sign-up once the address is verified, inside that transaction. */
    @FunctionalInterface
    public interface FirstOrganization {
        void create(org.jdbi.v3.core.Handle h, UUID accountId, String name, SecurityEvents.Origin origin);
    }

    public AccountService(Jdbi jdbi, Clock clock, PasswordHashing passwords, LegalDocuments legal, AccountTokens tokens,
                          MailOutbox outbox, MailTemplates templates, SecurityEvents events, Throttle throttle,
                          FirstOrganization firstOrganization) {
        this.throttle = throttle;
        this.firstOrganization = firstOrganization;
        this.jdbi = jdbi;
        this.clock = clock;
        this.passwords = passwords;
        this.legal = legal;
        this.tokens = tokens;
        this.outbox = outbox;
        this.templates = templates;
        this.events = events;
    }

    /** Validates, then creates the account (or mails the owner of a taken address); the same answer either way. */
    public void signUp(SignUpRequest request, SecurityEvents.Origin origin) {
        throttle.consume(Limit.SIGN_UP_PER_IP, origin.clientIp());
        List<Problem.FieldError> errors = new ArrayList<>(request.problems());
        if (request.password() != null) {
            errors.addAll(passwords.check("password", request.password()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Set<String> stale = legal.staleOrMissing(request.accepted());
        if (!stale.isEmpty()) {
            throw new ApiException(409, "consent_outdated", "Consent outdated",
                "Read and accept the current version of: " + String.join(", ", stale) + " (GET /api/v1/legal/documents).");
        }
        EmailAddress email = EmailAddress.parse(request.email()).orElseThrow();
        String hash = passwords.hash(request.password());
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbi.useTransaction(h -> {
            AccountDao dao = h.attach(AccountDao.class);
            boolean created = dao.insert(new AccountDao.NewAccount(id, email.value(), email.normalized(), request.name().strip(), hash,
                blankToNull(request.organizationName()), request.country(), blankToNull(request.industry()),
                blankToNull(request.intendedUse()), blankToNull(request.jobRole()), request.language(), now));
            if (created) {
                for (Map.Entry<String, String> accepted : new java.util.TreeMap<>(request.accepted()).entrySet()) {
                    h.createUpdate("INSERT INTO consent_record (id, account_id, document_type, version, accepted_at, country,"
                            + " user_agent_summary) VALUES (:id, :account, :type, :version, :at, :country, :ua)")
                        .bind("id", UUID.randomUUID()).bind("account", id).bind("type", accepted.getKey())
                        .bind("version", accepted.getValue()).bind("at", now).bind("country", origin.country())
                        .bind("ua", origin.userAgentSummary()).execute();
                }
                String token = tokens.issue(h, id, VERIFY_EMAIL, VERIFICATION_TTL);
                outbox.enqueue(h, templates.render(VERIFY_EMAIL, request.language(), email.value(), request.name(),
                    "/verify-email?token=" + token));
                events.record(h, id, "account_created", origin);
            } else {
                AccountRow owner = dao.findByEmail(email.normalized()).orElseThrow();
                outbox.enqueue(h, templates.render("account_exists", owner.language(), owner.email(), owner.name(), "/login"));
                events.record(h, owner.id(), "signup_with_existing_email", origin);
            }
        });
    }

    /**
     * Confirms an address with the mailed token: a new account's (it becomes active), or the new
     * address of an e-mail change (it takes effect).
     */
    public UUID verifyEmail(String token, EmailChangeService changes, SecurityEvents.Origin origin) {
        return jdbi.inTransaction(h -> {
            AccountTokens.Redeemed r = tokens.redeemAny(h, List.of(VERIFY_EMAIL, EmailChangeService.CHANGE_EMAIL), token);
            if (EmailChangeService.CHANGE_EMAIL.equals(r.purpose())) {
                changes.apply(h, r.accountId(), r.detail(), origin);
            } else {
                AccountDao dao = h.attach(AccountDao.class);
                boolean firstVerification = dao.markVerified(r.accountId(), clock.instant()) == 1;
                events.record(h, r.accountId(), "email_verified", origin);
                String orgName = dao.find(r.accountId()).map(AccountRow::organizationName).orElse(null);
                if (firstVerification && orgName != null) {
                    firstOrganization.create(h, r.accountId(), orgName, origin);
                }
            }
            return r.accountId();
        });
    }

    /** Sends a new verification link to an unverified account (voiding the previous one); silent otherwise. */
    public void resendVerification(String rawEmail, SecurityEvents.Origin origin) {
        throttle.consume(Limit.VERIFICATION_RESEND_PER_IP, origin.clientIp());
        throttle.consume(Limit.VERIFICATION_RESEND_PER_EMAIL, rawEmail == null ? "" : rawEmail);
        Optional<EmailAddress> email = EmailAddress.parse(rawEmail);
        if (email.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> h.attach(AccountDao.class).findByEmail(email.get().normalized())
            .filter(a -> a.emailVerifiedAt() == null && AccountRow.UNVERIFIED.equals(a.status()))
            .ifPresent(a -> {
                String token = tokens.issue(h, a.id(), VERIFY_EMAIL, VERIFICATION_TTL);
                outbox.enqueue(h, templates.render(VERIFY_EMAIL, a.language(), a.email(), a.name(), "/verify-email?token=" + token));
                events.record(h, a.id(), "verification_requested", origin);
            }));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
