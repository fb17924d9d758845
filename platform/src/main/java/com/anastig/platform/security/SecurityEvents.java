package com.anastig.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Security events (failed logins, throttle hits, account changes, ...): the kind, the time, the
 * account if known, the coarse country and the user-agent summary. Never a password, token, e-mail
 * or full IP address. Kept 24 months ({@link #purge}).
 */
public final class SecurityEvents {
    public static final java.time.Duration RETENTION = java.time.Duration.ofDays(730);

    private final Jdbi jdbi;
    private final Clock clock;

    public SecurityEvents(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * What is known of the request an event came from. {@code clientIp} is for throttling keys only:
     * it is never stored, logged or shown (events keep the country and the user-agent summary).
     */
    public record Origin(String country, String userAgentSummary, String clientIp) {
        public static final Origin UNKNOWN = new Origin(null, null, "unknown");

        @Override
        public String toString() {
            return "Origin[" + country + ", " + userAgentSummary + "]";
        }
    }

    /** One event as the person sees it. */
    public record Event(UUID id, String kind, Instant at, String country, String userAgentSummary) {
    }

    /** Records an event in the caller's transaction. */
    public void record(Handle h, UUID accountId, String kind, Origin origin) {
        h.createUpdate("INSERT INTO security_event (id, account_id, kind, at, country, user_agent_summary)"
                + " VALUES (:id, CAST(:account AS uuid), :kind, :at, :country, :ua)")
            .bind("id", UUID.randomUUID()).bind("account", accountId == null ? null : accountId.toString()).bind("kind", kind)
            .bind("at", clock.instant()).bind("country", origin.country()).bind("ua", origin.userAgentSummary())
            .execute();
    }

    /** Records an event in its own transaction. */
    public void record(UUID accountId, String kind, Origin origin) {
        jdbi.useHandle(h -> record(h, accountId, kind, origin));
    }

    /** The account's events, newest first. */
    public List<Event> of(UUID accountId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, kind, at, country, user_agent_summary FROM security_event"
                + " WHERE account_id = :account ORDER BY at DESC, id LIMIT :limit")
            .bind("account", accountId).bind("limit", limit)
            .map((rs, ctx) -> new Event(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                rs.getString(4), rs.getString(5)))
            .list());
    }

    /** Deletes events older than the retention period; returns how many. */
    public int purge() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM security_event WHERE at < :cutoff")
            .bind("cutoff", clock.instant().minus(RETENTION)).execute());
    }
}
