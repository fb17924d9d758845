package com.anastig.platform.admin;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.audit.StoredEvent;
import com.anastig.platform.account.EmailAddress;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.PathIds;
import com.anastig.platform.plugin.PluginHost;
import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.tenant.OrgId;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /api/v1/admin}: what operators see and do, each state-changing call with a reason. */
@Path("/api/v1/admin")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AdminResource {
    private final PluginHost plugins;
    private final AdminAccountService accounts;
    private final CrossTenantDb crossTenant;
    private final AuditLog audit;
    private final com.anastig.platform.tenant.TenantDb tenants;

    public AdminResource(PluginHost plugins, AdminAccountService accounts, CrossTenantDb crossTenant, AuditLog audit,
                         com.anastig.platform.tenant.TenantDb tenants) {
        this.tenants = tenants;
        this.plugins = plugins;
        this.accounts = accounts;
        this.crossTenant = crossTenant;
        this.audit = audit;
    }

    /** An organization's own storage quota (null: the operator default). */
    public record QuotaBody(@JsonProperty("quotaBytes") Long quotaBytes, @JsonProperty("reason") String reason) {
    }

    /** An action on an account. */
    public record ActionBody(@JsonProperty("action") String action, @JsonProperty("reason") String reason) {
    }

    @GET
    @Path("plugins")
    @Operation(summary = "Installed plugins, their state and what they provide", tags = "admin")
    public Map<String, Object> plugins() {
        List<Map<String, Object>> items = plugins.plugins().stream().map(p -> {
            Map<String, Object> m = new HashMap<>();
            m.put("id", p.id());
            m.put("version", p.version());
            m.put("state", p.state());
            m.put("provides", p.provides());
            m.put("problem", p.problem());
            return m;
        }).toList();
        return Map.of("items", items);
    }

    @GET
    @Path("accounts")
    @Operation(summary = "Search accounts by e-mail address (prefix) and status, including frozen and suspended ones", tags = "admin")
    public Paging.Page<Map<String, Object>> searchAccounts(@QueryParam("email") String email, @QueryParam("status") String status,
                                                            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                                            @Context ContainerRequestContext request) {
        Paging paging = Paging.of(limit, cursor);
        UUID after = paging.position().map(PathIds::uuid).orElse(null);
        String prefix = email == null || email.isBlank() ? null : EmailAddress.normalize(email.strip());
        List<Map<String, Object>> rows = crossTenant.call("account_search", Actor.operator(OperatorFilter.operator(request), request),
            AuditEntry.of("account_search", "accounts", null).with("status", status == null ? "" : status), h -> h.createQuery(
                "SELECT id, email, name, status, operator, mfa_enabled, created_at FROM account"
                    + " WHERE (CAST(:prefix AS text) IS NULL OR email_normalized LIKE :like ESCAPE '\\')"
                    + " AND (CAST(:status AS text) IS NULL OR status = :status)"
                    + " AND (CAST(:after AS uuid) IS NULL OR id > CAST(:after AS uuid)) ORDER BY id LIMIT :limit")
                .bind("prefix", prefix).bind("like", prefix == null ? null : escapeLike(prefix) + "%")
                .bind("status", status == null || status.isBlank() ? null : status)
                .bind("after", after == null ? null : after.toString()).bind("limit", paging.limit() + 1)
                .map((rs, ctx) -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("id", rs.getObject("id", UUID.class).toString());
                    m.put("email", rs.getString("email"));
                    m.put("name", rs.getString("name"));
                    m.put("status", rs.getString("status"));
                    m.put("operator", rs.getBoolean("operator"));
                    m.put("mfaEnabled", rs.getBoolean("mfa_enabled"));
                    m.put("createdAt", rs.getObject("created_at", OffsetDateTime.class).toInstant().toString());
                    return m;
                }).list());
        return paging.page(rows, m -> (String) m.get("id"), m -> m);
    }

    @POST
    @Path("accounts/{id}/actions")
    @Operation(summary = "suspend, unsuspend, revoke-sessions, reset-mfa, force-password-reset or delete an account, with a reason",
        tags = "admin")
    public Map<String, Object> act(@PathParam("id") String id, ActionBody body, @Context ContainerRequestContext request) {
        if (body == null) {
            throw ApiException.badRequest("body_required", "Send {\"action\": ..., \"reason\": ...}.");
        }
        UUID operator = OperatorFilter.operator(request);
        return accounts.act(operator, PathIds.uuid(id), body.action(), body.reason(), Actor.operator(operator, request));
    }

    @PUT
    @Path("orgs/{orgId}/quota")
    @Operation(summary = "Set an organization's own storage quota in bytes (null: the configured default), with a reason", tags = "admin")
    public Map<String, Object> quota(@PathParam("orgId") String orgId, QuotaBody body, @Context ContainerRequestContext request) {
        if (body == null) {
            throw ApiException.badRequest("body_required", "Send {\"quotaBytes\": ..., \"reason\": ...}.");
        }
        String reason = AdminAccountService.reason(body.reason());
        if (body.quotaBytes() != null && body.quotaBytes() < 0) {
            throw ApiException.invalid(List.of(new com.anastig.platform.http.Problem.FieldError("quotaBytes", "must be 0 or more, or null")));
        }
        OrgId org = OrgId.parse(orgId).orElseThrow(ApiException::notFound);
        UUID operator = OperatorFilter.operator(request);
        tenants.inOrg(org, operator, t -> {
            int n = t.handle().createUpdate("UPDATE organization SET storage_quota_bytes = :q WHERE id = :id AND deleted_at IS NULL")
                .bindByType("q", body.quotaBytes(), Long.class).bind("id", org.value()).execute();
            if (n == 0) {
                throw ApiException.notFound();
            }
            audit.append(t, Actor.operator(operator, request), AuditEntry.of("operator.org.quota", "organization", org)
                .with("quotaBytes", body.quotaBytes() == null ? "default" : body.quotaBytes()).withReason(reason));
            return null;
        });
        Map<String, Object> answer = new HashMap<>();
        answer.put("orgId", org.toString());
        answer.put("quotaBytes", body.quotaBytes());
        return answer;
    }

    @GET
    @Path("audit-events")
    @Operation(summary = "The platform's audit chain, or one organization's (?org=)", tags = "admin")
    public Paging.Page<Map<String, Object>> auditEvents(@QueryParam("org") String org, @QueryParam("limit") String limit,
                                                         @QueryParam("cursor") String cursor, @Context ContainerRequestContext request) {
        Paging paging = Paging.of(limit, cursor);
        OrgId chain = org == null || org.isBlank() ? OrgId.PLATFORM : OrgId.parse(org).orElseThrow(ApiException::notFound);
        Long before = paging.position().map(AdminResource::seq).orElse(null);
        List<StoredEvent> events = crossTenant.call("audit_read", Actor.operator(OperatorFilter.operator(request), request),
            AuditEntry.of("audit_read", "chain", chain), h -> audit.page(h, chain, before, paging.limit() + 1));
        return paging.page(events, e -> Long.toString(e.seq()), AdminResource::view);
    }

    @GET
    @Path("security-events")
    @Operation(summary = "Security events, platform-wide or of one account (?account=)", tags = "admin")
    public Map<String, Object> securityEvents(@QueryParam("account") String account, @QueryParam("limit") String limit,
                                              @Context ContainerRequestContext request) {
        Paging paging = Paging.of(limit, null);
        UUID of = account == null || account.isBlank() ? null : PathIds.uuid(account);
        List<Map<String, Object>> items = crossTenant.call("security_events_read", Actor.operator(OperatorFilter.operator(request), request),
            AuditEntry.of("security_events_read", "account", of), h -> h.createQuery("SELECT id, account_id, kind, at, country,"
                    + " user_agent_summary FROM security_event WHERE (CAST(:account AS uuid) IS NULL OR account_id = CAST(:account AS uuid))"
                    + " ORDER BY at DESC LIMIT :limit")
                .bind("account", of == null ? null : of.toString()).bind("limit", paging.limit())
                .map((rs, ctx) -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("id", rs.getObject(1, UUID.class).toString());
                    m.put("accountId", rs.getObject(2, UUID.class) == null ? null : rs.getObject(2, UUID.class).toString());
                    m.put("kind", rs.getString(3));
                    m.put("at", rs.getObject(4, OffsetDateTime.class).toInstant().toString());
                    m.put("country", rs.getString(5));
                    m.put("userAgentSummary", rs.getString(6));
                    return m;
                }).list());
        return Map.of("items", items);
    }

    private static Map<String, Object> view(StoredEvent e) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", e.id().toString());
        m.put("chain", e.orgId().toString());
        m.put("seq", e.seq());
        m.put("at", e.at().toString());
        m.put("actor", Map.of("type", e.actorType(), "id", e.actorId() == null ? "" : e.actorId().toString()));
        m.put("action", e.action());
        m.put("target", Map.of("type", e.targetType() == null ? "" : e.targetType(), "id", e.targetId() == null ? "" : e.targetId()));
        m.put("reason", e.reason());
        m.put("details", e.details());
        return m;
    }

    private static long seq(String position) {
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw Paging.invalidCursor();
        }
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
