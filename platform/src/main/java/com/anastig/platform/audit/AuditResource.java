package com.anastig.platform.audit;

import com.anastig.platform.http.Paging;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.anastig.platform.tenant.TenantDb;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code GET /api/v1/orgs/{orgId}/audit-events}: the organization's audit trail, newest first. */
@Path("/api/v1/orgs/{orgId}/audit-events")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    private final TenantDb db;
    private final AuditLog audit;
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    public AuditResource(TenantDb db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** An event on the wire; the actor's name is looked up now (events hold ids only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(UUID id, Instant at, Map<String, Object> actor, String action, Map<String, Object> target, String reason,
                            String country, String userAgentSummary, Object details) {
    }

    @GET
    @Requires(Permission.AUDIT_READ)
    @Operation(summary = "The organization's audit trail, newest first (cursor paging)", tags = "audit")
    public Paging.Page<EventView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                       @Context ContainerRequestContext request) {
        Paging paging = Paging.of(limit, cursor);
        Long before = paging.position().map(AuditResource::seq).orElse(null);
        OrgScope scope = OrgScope.of(request);
        return db.inOrg(scope, t -> {
            List<StoredEvent> events = audit.page(t.handle(), t.org(), before, paging.limit() + 1);
            Set<UUID> accounts = new java.util.HashSet<>();
            events.stream().filter(e -> "account".equals(e.actorType()) || "operator".equals(e.actorType()))
                .map(StoredEvent::actorId).forEach(accounts::add);
            Map<UUID, String> names = new HashMap<>();
            if (!accounts.isEmpty()) {
                t.handle().createQuery("SELECT id, name FROM account WHERE id IN (<ids>)").bindList("ids", List.copyOf(accounts))
                    .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).forEach(e -> names.put(e.getKey(), e.getValue()));
            }
            return paging.page(events, e -> Long.toString(e.seq()), e -> view(e, names));
        });
    }

    private EventView view(StoredEvent e, Map<UUID, String> names) {
        Map<String, Object> actor = new HashMap<>();
        actor.put("type", e.actorType());
        if (e.actorId() != null) {
            actor.put("id", e.actorId().toString());
        }
        if (names.containsKey(e.actorId())) {
            actor.put("name", names.get(e.actorId()));
        }
        Map<String, Object> target = new HashMap<>();
        target.put("type", e.targetType());
        target.put("id", e.targetId());
        Object details;
        try {
            details = json.readTree(e.details());
        } catch (java.io.IOException ex) {
            details = null;
        }
        return new EventView(e.id(), e.at(), actor, e.action(), e.targetType() == null ? null : target, e.reason(),
            e.country() == null ? null : e.country().strip(), e.userAgentSummary(), details);
    }

    private static long seq(String position) {
        try {
            long seq = Long.parseLong(position);
            if (seq < 1) {
                throw Paging.invalidCursor();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw Paging.invalidCursor();
        }
    }
}
