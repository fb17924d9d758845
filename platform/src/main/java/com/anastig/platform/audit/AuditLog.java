package com.anastig.platform.audit;

import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantHandle;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Appends audit events in the caller's transaction (so an event exists exactly when its change does)
 * and reads them back. Each organization has its own chain; {@link OrgId#PLATFORM} is the platform's
 * (operator actions on accounts, cross-tenant calls). The chain head row is locked while appending,
 * so concurrent appends to one chain queue instead of forking it.
 */
public final class AuditLog {
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** Appends to the transaction's organization's chain. */
    public StoredEvent append(TenantHandle t, Actor actor, AuditEntry entry) {
        return append(t.handle(), t.org(), actor, entry);
    }

    /**
     * Appends to a chain on a handle whose row-level scope allows it (the organization's own scope,
     * the platform scope, or the cross-tenant role).
     */
    public StoredEvent append(Handle h, OrgId chain, Actor actor, AuditEntry entry) {
        h.createUpdate("INSERT INTO audit_head (org_id, seq, hash) VALUES (:org, 0, :genesis) ON CONFLICT (org_id) DO NOTHING")
            .bind("org", chain.value()).bind("genesis", AuditChain.GENESIS).execute();
        Head head = h.createQuery("SELECT seq, hash FROM audit_head WHERE org_id = :org FOR UPDATE")
            .bind("org", chain.value()).map((rs, ctx) -> new Head(rs.getLong(1), rs.getBytes(2))).one();
        StoredEvent unsigned = new StoredEvent(chain.value(), head.seq() + 1, UUID.randomUUID(),
            clock.instant().truncatedTo(ChronoUnit.MICROS), actor.type().wire(), actor.id(), entry.action(),
            entry.targetType(), entry.targetId(), entry.reason(), actor.country(), actor.userAgentSummary(),
            detailsJson(entry), head.hash(), null);
        byte[] hash = AuditChain.hash(head.hash(), unsigned);
        h.createUpdate("INSERT INTO audit_event (" + StoredEvent.COLUMNS + ") VALUES (:org, :seq, :id, :at, :actorType, CAST(:actorId AS uuid),"
                + " :action, :targetType, :targetId, :reason, :country, :uas, :details, :prev, :hash)")
            .bind("org", chain.value()).bind("seq", unsigned.seq()).bind("id", unsigned.id()).bind("at", unsigned.at())
            .bind("actorType", unsigned.actorType()).bindByType("actorId", unsigned.actorId(), UUID.class).bind("action", unsigned.action())
            .bind("targetType", unsigned.targetType()).bind("targetId", unsigned.targetId()).bind("reason", unsigned.reason())
            .bind("country", unsigned.country()).bind("uas", unsigned.userAgentSummary()).bind("details", unsigned.details())
            .bind("prev", head.hash()).bind("hash", hash).execute();
        h.createUpdate("UPDATE audit_head SET seq = :seq, hash = :hash WHERE org_id = :org")
            .bind("seq", unsigned.seq()).bind("hash", hash).bind("org", chain.value()).execute();
        return new StoredEvent(unsigned.orgId(), unsigned.seq(), unsigned.id(), unsigned.at(), unsigned.actorType(),
            unsigned.actorId(), unsigned.action(), unsigned.targetType(), unsigned.targetId(), unsigned.reason(),
            unsigned.country(), unsigned.userAgentSummary(), unsigned.details(), head.hash(), hash);
    }

    /** A page of a chain, newest first: events with {@code seq} below {@code beforeSeq} (null: from the newest). */
    public List<StoredEvent> page(Handle h, OrgId chain, Long beforeSeq, int limit) {
        return h.createQuery("SELECT " + StoredEvent.COLUMNS + " FROM audit_event WHERE org_id = :org"
                + (beforeSeq == null ? "" : " AND seq < :before") + " ORDER BY seq DESC LIMIT :limit")
            .bind("org", chain.value()).bind("before", beforeSeq).bind("limit", limit)
            .map(StoredEvent::map).list();
    }

    private String detailsJson(AuditEntry entry) {
        try {
            return json.writeValueAsString(entry.details());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be plain values", e);
        }
    }

    private record Head(long seq, byte[] hash) {
    }
}
