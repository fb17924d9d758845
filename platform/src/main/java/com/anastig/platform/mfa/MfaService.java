package com.anastig.platform.mfa;

import com.anastig.platform.account.AccountDao;
import com.anastig.platform.account.AccountRow;
import com.anastig.platform.account.PasswordHashing;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.security.SecurityEvents;
import com.anastig.platform.session.SecondFactor;
import com.anastig.platform.session.SessionStore;
import com.anastig.tenantconfig.Aad;
import com.anastig.tenantconfig.Sealer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * TOTP enrolment (pending until a code confirms it), recovery codes, and the second-factor check of
 * logins and step-ups. The secret is sealed at rest (AES-GCM, key id recorded) and bound to its
 * account; a TOTP code is accepted once (the last used step is stored, advanced atomically), a
 * recovery code once (marked used atomically). Enabling, disabling and regenerating need the
 * password and a current code, and end the account's other sessions.
 */
public final class MfaService implements SecondFactor {
    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHashing passwords;
    private final Sealer sealer;
    private final SessionStore sessions;
    private final SecurityEvents events;
    private final Totp totp = new Totp();
    private final RecoveryCodes recoveryCodes = new RecoveryCodes();

    public MfaService(Jdbi jdbi, Clock clock, PasswordHashing passwords, Sealer sealer, SessionStore sessions, SecurityEvents events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.passwords = passwords;
        this.sealer = sealer;
        this.sessions = sessions;
        this.events = events;
    }

    /** A pending enrolment: the secret to type in, and the URI to scan. */
    public record Enrolment(String secret, String otpauthUri) {
        @Override
        public String toString() {
            return "Enrolment[***]";
        }
    }

    public Enrolment start(UUID accountId, String password, SecurityEvents.Origin origin) {
        AccountRow a = requirePassword(accountId, password, origin);
        if (a.mfaEnabled()) {
            throw ApiException.conflict("mfa_already_enabled", "Two-factor authentication is on already.");
        }
        String secret = totp.newSecret();
        jdbi.useHandle(h -> h.createUpdate("UPDATE account SET totp_pending_sealed = :sealed WHERE id = :id")
            .bind("sealed", sealer.seal(secret, aad(accountId, "pending"))).bind("id", accountId).execute());
        return new Enrolment(secret, uri(a.email(), secret));
    }

    /** Confirms a pending enrolment with a code; MFA is on and ten recovery codes are returned (shown once). */
    public List<String> confirm(UUID accountId, UUID currentSession, String code, SecurityEvents.Origin origin) {
        List<String> codes = recoveryCodes.generate();
        List<UUID> revoked = jdbi.inTransaction(h -> {
            String pending = h.createQuery("SELECT totp_pending_sealed FROM account WHERE id = :id FOR UPDATE")
                .bind("id", accountId).mapTo(String.class).findOne().orElse(null);
            if (pending == null) {
                throw ApiException.conflict("no_pending_enrolment", "Start the enrolment first.");
            }
            String secret = sealer.open(pending, aad(accountId, "pending"));
            OptionalLong step = totp.verify(secret, code, clock.instant(), 0);
            if (step.isEmpty()) {
                events.record(h, accountId, "mfa_failed", origin);
                throw invalidCode();
            }
            h.createUpdate("UPDATE account SET mfa_enabled = true, totp_secret_sealed = :sealed, totp_pending_sealed = NULL,"
                    + " totp_last_step = :step, updated_at = :now WHERE id = :id")
                .bind("sealed", sealer.seal(secret, aad(accountId, "active"))).bind("step", step.getAsLong())
                .bind("now", clock.instant()).bind("id", accountId).execute();
            storeRecoveryCodes(h, accountId, codes);
            events.record(h, accountId, "mfa_enabled", origin);
            return sessions.revokeAll(h, accountId, currentSession, "mfa_changed");
        });
        sessions.evict(revoked);
        return codes;
    }

    /** Turns MFA off (password and a current code). */
    public void disable(UUID accountId, UUID currentSession, String password, String code, SecurityEvents.Origin origin) {
        AccountRow a = requirePassword(accountId, password, origin);
        List<UUID> revoked = jdbi.inTransaction(h -> {
            if (!a.mfaEnabled() || !verify(h, a, code, null)) {
                events.record(h, accountId, "mfa_failed", origin);
                throw invalidCode();
            }
            h.createUpdate("UPDATE account SET mfa_enabled = false, totp_secret_sealed = NULL, totp_pending_sealed = NULL,"
                + " updated_at = :now WHERE id = :id").bind("now", clock.instant()).bind("id", accountId).execute();
            h.createUpdate("DELETE FROM recovery_code WHERE account_id = :id").bind("id", accountId).execute();
            events.record(h, accountId, "mfa_disabled", origin);
            return sessions.revokeAll(h, accountId, currentSession, "mfa_changed");
        });
        sessions.evict(revoked);
    }

    /** A new set of recovery codes (password and a current code); the old set is void. */
    public List<String> regenerate(UUID accountId, String password, String code, SecurityEvents.Origin origin) {
        AccountRow a = requirePassword(accountId, password, origin);
        List<String> codes = recoveryCodes.generate();
        jdbi.useTransaction(h -> {
            if (!a.mfaEnabled() || !verify(h, a, code, null)) {
                events.record(h, accountId, "mfa_failed", origin);
                throw invalidCode();
            }
            storeRecoveryCodes(h, accountId, codes);
            events.record(h, accountId, "recovery_codes_regenerated", origin);
        });
        return codes;
    }

    @Override
    public boolean verify(Handle h, AccountRow account, String code, String recoveryCode) {
        if (code != null) {
            String sealed = h.createQuery("SELECT totp_secret_sealed FROM account WHERE id = :id").bind("id", account.id())
                .mapTo(String.class).findOne().orElse(null);
            long last = h.createQuery("SELECT totp_last_step FROM account WHERE id = :id").bind("id", account.id())
                .mapTo(Long.class).one();
            if (sealed == null) {
                return false;
            }
            OptionalLong step = totp.verify(sealer.open(sealed, aad(account.id(), "active")), code, clock.instant(), last);
            // advancing the last used step is the atomic "use": of two requests with one code, one wins
            return step.isPresent() && h.createUpdate("UPDATE account SET totp_last_step = :step WHERE id = :id AND totp_last_step < :step")
                .bind("step", step.getAsLong()).bind("id", account.id()).execute() == 1;
        }
        String hash = RecoveryCodes.hash(recoveryCode);
        return hash != null && h.createUpdate("UPDATE recovery_code SET used_at = :now WHERE account_id = :id AND code_hash = :hash"
                + " AND used_at IS NULL").bind("now", clock.instant()).bind("id", account.id()).bind("hash", hash).execute() == 1;
    }

    private void storeRecoveryCodes(Handle h, UUID accountId, List<String> codes) {
        h.createUpdate("DELETE FROM recovery_code WHERE account_id = :id").bind("id", accountId).execute();
        for (String c : codes) {
            h.createUpdate("INSERT INTO recovery_code (account_id, code_hash, created_at) VALUES (:id, :hash, :now)")
                .bind("id", accountId).bind("hash", RecoveryCodes.hash(c)).bind("now", clock.instant()).execute();
        }
    }

    private AccountRow requirePassword(UUID accountId, String password, SecurityEvents.Origin origin) {
        AccountRow a = jdbi.withExtension(AccountDao.class, dao -> dao.find(accountId)).orElseThrow();
        if (password == null || !passwords.verify(password, a.passwordHash()).matches()) {
            events.record(accountId, "mfa_change_failed", origin);
            throw ApiException.forbidden("invalid_password", "The password is wrong.");
        }
        return a;
    }

    private static ApiException invalidCode() {
        return new ApiException(401, "invalid_code", "Invalid code", "The code is not valid.");
    }

    /** What a TOTP secret of an account is sealed with ({@code state}: pending or active). */
    public static Aad aad(UUID accountId, String state) {
        return Aad.of("account", accountId.toString(), "mfa.totp." + state);
    }

    static String uri(String email, String secret) {
        String label = enc("Anastig") + ":" + enc(email);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + enc("Anastig") + "&algorithm=SHA1&digits=6&period=30";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
