package com.anastig.platform.session;

import com.anastig.platform.cluster.HazelcastCluster;
import com.hazelcast.map.IMap;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Server-side sessions: the database is the record, Hazelcast a cluster-wide cache in front of it.
 * A revocation removes the cache entry from the distributed map, so the session is dead on every
 * node at once; a node that misses the cache reads the database, which says revoked too.
 */
public final class SessionStore {
    private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final String MAP = "anastig.sessions";

    private final Jdbi jdbi;
    private final HazelcastCluster cluster;
    private final SessionConfig config;
    private final Clock clock;
    private final com.anastig.platform.security.SecretTokens secrets = new com.anastig.platform.security.SecretTokens();

    public SessionStore(Jdbi jdbi, HazelcastCluster cluster, SessionConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.cluster = cluster;
        this.config = config;
        this.clock = clock;
    }

    /** A new session's token (for the cookie, shown once) and the session. */
    public record Created(String token, Session session) {
        @Override
        public String toString() {
            return "Created[" + session + "]";
        }
    }

    /** Starts a session in the caller's transaction (a fresh id at every login: no fixation). */
    public Created create(Handle h, UUID accountId, boolean mfaVerified, String country, String userAgentSummary) {
        String token = randomToken();
        Instant now = clock.instant();
        Session s = new Session(UUID.randomUUID(), accountId, randomToken(), now, now, now.plus(config.absolute()),
            mfaVerified ? now : null, country, userAgentSummary);
        h.createUpdate("INSERT INTO session (id, token_hash, account_id, csrf_token, created_at, last_seen_at, absolute_expires_at,"
                + " mfa_verified_at, country, user_agent_summary) VALUES (:id, :hash, :account, :csrf, :now, :now, :abs, :mfa, :country, :ua)")
            .bind("id", s.id()).bind("hash", sha256(token)).bind("account", accountId).bind("csrf", s.csrfToken())
            .bind("now", now).bind("abs", s.absoluteExpiresAt()).bindByType("mfa", s.mfaVerifiedAt(), Instant.class)
            .bind("country", country).bind("ua", userAgentSummary).execute();
        return new Created(token, s);
    }

    /** The live session for a cookie value, refreshing its idle time; empty when unknown, expired or revoked. */
    public Optional<Session> find(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        String key = sha256(token);
        IMap<String, Session> cache = cache();
        Session s = cache.get(key);
        if (s == null) {
            s = load(key).orElse(null);
            if (s == null) {
                return Optional.empty();
            }
        }
        Instant now = clock.instant();
        if (!now.isBefore(s.absoluteExpiresAt()) || !now.isBefore(s.lastSeenAt().plus(config.idle()))) {
            cache.delete(key);
            return Optional.empty();
        }
        if (!now.isBefore(s.lastSeenAt().plus(config.touch()))) {
            Session touched = s.withLastSeen(now);
            int updated = jdbi.withHandle(h -> h.createUpdate("UPDATE session SET last_seen_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", now).bind("id", touched.id()).execute());
            if (updated == 0) {
                cache.delete(key);
                return Optional.empty();
            }
            s = touched;
        }
        cache.set(key, s, ttlSeconds(s, now), TimeUnit.SECONDS);
        return Optional.of(s);
    }

    private Optional<Session> load(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, account_id, csrf_token, created_at, last_seen_at, absolute_expires_at,"
                + " mfa_verified_at, country, user_agent_summary FROM session WHERE token_hash = :hash AND revoked_at IS NULL")
            .bind("hash", key)
            .map((rs, ctx) -> new Session(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9)))
            .findOne());
    }

    private long ttlSeconds(Session s, Instant now) {
        Instant end = s.lastSeenAt().plus(config.idle());
        if (end.isAfter(s.absoluteExpiresAt())) {
            end = s.absoluteExpiresAt();
        }
        return Math.max(1, java.time.Duration.between(now, end).toSeconds());
    }

    /** Marks the session's second factor as just verified (step-up). */
    public void markMfaVerified(Session s) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("UPDATE session SET mfa_verified_at = :now WHERE id = :id")
            .bind("now", now).bind("id", s.id()).execute());
        evict(List.of(s.id()));
    }

    /** Revokes one session of an account; returns whether it was live. */
    public boolean revoke(UUID accountId, UUID sessionId, String reason) {
        List<UUID> revoked = jdbi.withHandle(h -> revoke(h, accountId, sessionId, null, reason));
        evict(revoked);
        return !revoked.isEmpty();
    }

    /** Revokes every session of an account except {@code keep} (may be null), in the caller's transaction. */
    public List<UUID> revokeAll(Handle h, UUID accountId, UUID keep, String reason) {
        return revoke(h, accountId, null, keep, reason);
    }

    private List<UUID> revoke(Handle h, UUID accountId, UUID only, UUID keep, String reason) {
        return h.createQuery("UPDATE session SET revoked_at = :now, revoked_reason = :reason WHERE account_id = :account"
                + " AND revoked_at IS NULL" + (only != null ? " AND id = :only" : "") + (keep != null ? " AND id <> :keep" : "")
                + " RETURNING id")
            .bind("now", clock.instant()).bind("reason", reason).bind("account", accountId)
            .bindByType("only", only, UUID.class).bindByType("keep", keep, UUID.class)
            .mapTo(UUID.class).list();
    }

    /** Removes revoked sessions from the cache on every node; call after the revoking transaction commits. */
    public void evict(List<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return;
        }
        List<String> hashes = jdbi.withHandle(h -> h.createQuery("SELECT token_hash FROM session WHERE id IN (<ids>)")
            .bindList("ids", sessionIds).mapTo(String.class).list());
        IMap<String, Session> cache = cache();
        hashes.forEach(cache::delete);
    }

    /** The account's live sessions, newest first. */
    public List<Session> ofAccount(UUID accountId) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("SELECT id, account_id, csrf_token, created_at, last_seen_at, absolute_expires_at,"
                + " mfa_verified_at, country, user_agent_summary FROM session WHERE account_id = :account AND revoked_at IS NULL"
                + " AND absolute_expires_at > :now AND last_seen_at > :idleCut ORDER BY created_at DESC")
            .bind("account", accountId).bind("now", now).bind("idleCut", now.minus(config.idle()))
            .map((rs, ctx) -> new Session(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9)))
            .list());
    }

    private IMap<String, Session> cache() {
        return cluster.instance().getMap(MAP);
    }

    private String randomToken() {
        return secrets.next();
    }

    static String sha256(String token) {
        return com.anastig.platform.security.SecretTokens.sha256Hex(token);
    }
}
