package com.anastig.platform.audit;

import java.time.Instant;
import java.util.UUID;

/** An audit event as stored, with its place in its chain. */
public record StoredEvent(UUID orgId, long seq, UUID id, Instant at, String actorType, UUID actorId, String action,
                          String targetType, String targetId, String reason, String country, String userAgentSummary,
                          String details, byte[] prevHash, byte[] hash) {

    static final String COLUMNS = "org_id, seq, id, at, actor_type, actor_id, action, target_type, target_id, reason,"
        + " country, user_agent_summary, details, prev_hash, hash";

    static StoredEvent map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new StoredEvent(rs.getObject("org_id", UUID.class), rs.getLong("seq"), rs.getObject("id", UUID.class),
            rs.getObject("at", java.time.OffsetDateTime.class).toInstant(), rs.getString("actor_type"), rs.getObject("actor_id", UUID.class),
            rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("reason"),
            rs.getString("country"), rs.getString("user_agent_summary"), rs.getString("details"),
            rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }
}
