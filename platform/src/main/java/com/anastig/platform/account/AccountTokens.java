package com.anastig.platform.account;

import com.anastig.platform.security.SecretTokens;
import com.anastig.platform.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Single-use tokens handed to a person by mail (verification, reset, ...): 256 random bits shown
 * once, stored only as their SHA-256, void once used, once expired, or once a newer token of the same
 * purpose is issued. Redemption is one conditional UPDATE, so of two concurrent redemptions exactly
 * one wins. Malformed input (truncated, over-long, non-ASCII) is refused before any look-up.
 */
public final class AccountTokens {

    private final Clock clock;
    private final SecretTokens secrets = new SecretTokens();

    public AccountTokens(Clock clock) {
        this.clock = clock;
    }

    /** Issues a token, voiding earlier unused ones of the same purpose; returns the token (shown once). */
    public String issue(Handle h, UUID accountId, String purpose, Duration ttl) {
        return issue(h, accountId, purpose, ttl, null);
    }

    /** A redeemed token: whose it was, what for, and the detail it carried (such as a new e-mail address). */
    public record Redeemed(UUID accountId, String purpose, String detail) {
        @Override
        public String toString() {
            return "Redeemed[" + accountId + ", " + purpose + "]";
        }
    }

    /** Issues a token carrying a detail (kept with the token and deleted with it). */
    public String issue(Handle h, UUID accountId, String purpose, Duration ttl, String detail) {
        String token = secrets.next();
        Instant now = clock.instant();
        h.createUpdate("UPDATE account_token SET superseded_at = :now WHERE account_id = :account AND purpose = :purpose"
                + " AND used_at IS NULL AND superseded_at IS NULL")
            .bind("now", now).bind("account", accountId).bind("purpose", purpose).execute();
        h.createUpdate("INSERT INTO account_token (id, account_id, purpose, token_hash, created_at, expires_at, detail)"
                + " VALUES (:id, :account, :purpose, :hash, :now, :expires, :detail)")
            .bind("id", UUID.randomUUID()).bind("account", accountId).bind("purpose", purpose).bind("hash", sha256(token))
            .bind("now", now).bind("expires", now.plus(ttl)).bind("detail", detail).execute();
        return token;
    }

    /**
     * Redeems a token: returns its account, or throws 400 {@code invalid_token}, {@code token_expired}
     * or {@code token_used}.
     */
    public UUID redeem(Handle h, String purpose, String token) {
        return redeemAny(h, java.util.List.of(purpose), token).accountId();
    }

    /** Redeems a token of any of these purposes (one link endpoint may serve several). */
    public Redeemed redeemAny(Handle h, java.util.List<String> purposes, String token) {
        if (!SecretTokens.wellFormed(token)) {
            throw invalid();
        }
        String hash = sha256(token);
        Instant now = clock.instant();
        Optional<Redeemed> won = h.createQuery("UPDATE account_token SET used_at = :now WHERE token_hash = :hash AND purpose IN (<purposes>)"
                + " AND used_at IS NULL AND superseded_at IS NULL AND expires_at > :now RETURNING account_id, purpose, detail")
            .bind("now", now).bind("hash", hash).bindList("purposes", purposes)
            .map((rs, ctx) -> new Redeemed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).findOne();
        if (won.isPresent()) {
            return won.get();
        }
        Optional<Map<String, Object>> row = h.createQuery("SELECT used_at, superseded_at, expires_at FROM account_token"
                + " WHERE token_hash = :hash AND purpose IN (<purposes>)")
            .bind("hash", hash).bindList("purposes", purposes).mapToMap().findOne();
        if (row.isEmpty() || row.get().get("superseded_at") != null) {
            throw invalid();
        }
        if (row.get().get("used_at") != null) {
            throw ApiException.badRequest("token_used", "This link has been used already.");
        }
        throw ApiException.badRequest("token_expired", "This link has expired: ask for a new one.");
    }

    /** Removes tokens that can no longer be used (the policy keeps them at most 60 minutes past use or expiry). */
    public int purge(Handle h) {
        return h.createUpdate("DELETE FROM account_token WHERE expires_at <= :now OR used_at IS NOT NULL OR superseded_at IS NOT NULL")
            .bind("now", clock.instant()).execute();
    }

    private static ApiException invalid() {
        return ApiException.badRequest("invalid_token", "This link is not valid.");
    }

    static String sha256(String token) {
        return SecretTokens.sha256Hex(token);
    }
}
