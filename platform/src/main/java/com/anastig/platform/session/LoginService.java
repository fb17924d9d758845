package com.anastig.platform.session;

import com.anastig.platform.account.AccountDao;
import com.anastig.platform.account.AccountRow;
import com.anastig.platform.account.AccountTokens;
import com.anastig.platform.account.EmailAddress;
import com.anastig.platform.account.PasswordHashing;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.security.SecurityEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import com.anastig.platform.throttle.Limit;
import com.anastig.platform.throttle.Throttle;
import com.anastig.platform.throttle.ThrottledException;
import org.jdbi.v3.core.Jdbi;

/**
 * Logging in: one answer (401 {@code invalid_credentials}) for every wrong e-mail or password, the
 * same hashing time for an unknown e-mail, the account's state only after a right password, and for
 * an account with MFA a short-lived single-use {@code mfaToken} instead of a session, so a password
 * alone never yields anything.
 */
public final class LoginService {
    static final Duration MFA_TOKEN_TTL = Duration.ofMinutes(5);
    static final String MFA_LOGIN = "mfa_login";

    private final Jdbi jdbi;
    private final PasswordHashing passwords;
    private final SecondFactor secondFactor;
    private final AccountTokens tokens;
    private final SessionStore sessions;
    private final SecurityEvents events;
    private final Throttle throttle;

    public LoginService(Jdbi jdbi, Clock clock, PasswordHashing passwords, SecondFactor secondFactor, AccountTokens tokens,
                        SessionStore sessions, SecurityEvents events, Throttle throttle) {
        this.throttle = throttle;
        this.jdbi = jdbi;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.tokens = tokens;
        this.sessions = sessions;
        this.events = events;
    }

    /** A logged-in session and its account. */
    public record LoggedIn(SessionStore.Created session, AccountRow account) {
    }

    public LoggedIn login(LoginRequest request, SecurityEvents.Origin origin) {
        if (request.mfaToken() != null) {
            return secondStep(request, origin);
        }
        if (request.email() == null || request.password() == null) {
            throw invalidCredentials();
        }
        Optional<AccountRow> found = EmailAddress.parse(request.email())
            .flatMap(e -> jdbi.withExtension(AccountDao.class, dao -> dao.findByEmail(e.normalized())));
        // failures only: consumed before the attempt (so parallel guesses are capped too), refunded on success
        String emailKey = EmailAddress.normalize(request.email());
        throttle.check(Limit.LOGIN_FAILURES_PER_IP, origin.clientIp());
        try {
            throttle.consume(Limit.LOGIN_FAILURES_PER_EMAIL, emailKey);
        } catch (ThrottledException e) {
            found.ifPresent(a -> events.record(a.id(), "login_throttled", origin));
            throw e;
        }
        if (found.isEmpty()) {
            passwords.burn(request.password());
            throttle.recordFailure(Limit.LOGIN_FAILURES_PER_IP, origin.clientIp());
            events.record(null, "login_failed", origin);
            throw invalidCredentials();
        }
        AccountRow account = found.get();
        PasswordHashing.Verification v = passwords.verify(request.password(), account.passwordHash());
        if (!v.matches()) {
            throttle.recordFailure(Limit.LOGIN_FAILURES_PER_IP, origin.clientIp());
            events.record(account.id(), "login_failed", origin);
            throw invalidCredentials();
        }
        throttle.refund(Limit.LOGIN_FAILURES_PER_EMAIL, emailKey);
        if (v.needsRehash()) {
            String upgraded = passwords.hash(request.password());
            jdbi.useHandle(h -> h.createUpdate("UPDATE account SET password_hash = :hash WHERE id = :id AND password_hash = :old")
                .bind("hash", upgraded).bind("id", account.id()).bind("old", account.passwordHash()).execute());
        }
        requireUsable(account);
        if (account.mfaEnabled()) {
            if (request.totp() == null && request.recoveryCode() == null) {
                String mfaToken = jdbi.inTransaction(h -> tokens.issue(h, account.id(), MFA_LOGIN, MFA_TOKEN_TTL));
                throw new MfaRequiredException(mfaToken);
            }
            return withSecondFactor(account, request, origin);
        }
        return start(account, false, origin);
    }

    private LoggedIn secondStep(LoginRequest request, SecurityEvents.Origin origin) {
        if (request.email() != null || request.password() != null) {
            throw ApiException.badRequest("invalid_request", "Send either email and password, or mfaToken with a code.");
        }
        UUID accountId = jdbi.inTransaction(h -> tokens.redeem(h, MFA_LOGIN, request.mfaToken()));
        AccountRow account = jdbi.withExtension(AccountDao.class, dao -> dao.find(accountId)).orElseThrow(LoginService::invalidCredentials);
        requireUsable(account);
        return withSecondFactor(account, request, origin);
    }

    private LoggedIn withSecondFactor(AccountRow account, LoginRequest request, SecurityEvents.Origin origin) {
        throttle.check(Limit.MFA_FAILURES_PER_IP, origin.clientIp());
        try {
            throttle.consume(Limit.MFA_FAILURES_PER_ACCOUNT, account.id().toString());
        } catch (ThrottledException e) {
            events.record(account.id(), "mfa_throttled", origin);
            throw e;
        }
        boolean ok = jdbi.inTransaction(h -> secondFactor.verify(h, account, request.totp(), request.recoveryCode()));
        if (!ok) {
            throttle.recordFailure(Limit.MFA_FAILURES_PER_IP, origin.clientIp());
            events.record(account.id(), "mfa_failed", origin);
            throw new ApiException(401, "invalid_code", "Invalid code", "The code is not valid.");
        }
        throttle.refund(Limit.MFA_FAILURES_PER_ACCOUNT, account.id().toString());
        if (request.recoveryCode() != null) {
            events.record(account.id(), "recovery_code_used", origin);
        }
        return start(account, true, origin);
    }

    private LoggedIn start(AccountRow account, boolean mfaVerified, SecurityEvents.Origin origin) {
        SessionStore.Created created = jdbi.inTransaction(h -> {
            SessionStore.Created c = sessions.create(h, account.id(), mfaVerified, origin.country(), origin.userAgentSummary());
            events.record(h, account.id(), "login", origin);
            return c;
        });
        return new LoggedIn(created, account);
    }

    private static void requireUsable(AccountRow account) {
        switch (account.status()) {
            case AccountRow.UNVERIFIED -> throw ApiException.forbidden("email_unverified", "Confirm your e-mail address first.");
            case AccountRow.FROZEN -> throw ApiException.forbidden("account_frozen", "This account is frozen; use the recovery link.");
            case AccountRow.SUSPENDED -> throw ApiException.forbidden("account_suspended", "This account is suspended.");
            default -> {
            }
        }
    }

    static ApiException invalidCredentials() {
        return new ApiException(401, "invalid_credentials", "Invalid credentials", "The e-mail or the password is wrong.");
    }

    /** 401 {@code mfa_required}, carrying the token for the second step. */
    public static final class MfaRequiredException extends ApiException {
        private final String mfaToken;

        MfaRequiredException(String mfaToken) {
            super(401, "mfa_required", "Second factor required", "Send mfaToken with a TOTP code or a recovery code.");
            this.mfaToken = mfaToken;
        }

        public String mfaToken() {
            return mfaToken;
        }

        @Override
        protected java.util.Map<String, Object> extensions() {
            return java.util.Map.of("mfaToken", mfaToken);
        }
    }
}
