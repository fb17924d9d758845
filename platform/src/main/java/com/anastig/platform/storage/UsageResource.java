package com.anastig.platform.storage;

import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.throttle.Limit;
import com.anastig.platform.throttle.Throttle;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;

/** {@code GET /api/v1/orgs/{orgId}/usage}: stored bytes and objects, quota and the organization's throttle budget. */
@Path("/api/v1/orgs/{orgId}/usage")
@Produces(MediaType.APPLICATION_JSON)
public final class UsageResource {
    private final TenantDb db;
    private final Usage usage;
    private final Throttle throttle;

    public UsageResource(TenantDb db, Usage usage, Throttle throttle) {
        this.db = db;
        this.usage = usage;
        this.throttle = throttle;
    }

    @GET
    @Requires(Permission.USAGE_READ)
    @Operation(summary = "Usage: images, stored bytes, exports, quota, throttle budget", tags = "organizations")
    public Map<String, Object> get(@Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        return db.inOrg(scope, t -> {
            Usage.Counts counts = usage.counts(t);
            Map<String, Object> answer = new HashMap<>();
            answer.put("projects", t.handle().createQuery("SELECT count(*) FROM project WHERE org_id = :org AND deleted_at IS NULL")
                .bind("org", t.org().value()).mapTo(Long.class).one());
            answer.put("images", t.handle().createQuery("SELECT count(*) FROM image i JOIN project p ON p.org_id = i.org_id AND p.id = i.project_id"
                + " WHERE i.org_id = :org AND p.deleted_at IS NULL").bind("org", t.org().value()).mapTo(Long.class).one());
            answer.put("exports", t.handle().createQuery("SELECT count(*) FROM dataset_export e JOIN project p ON p.org_id = e.org_id"
                + " AND p.id = e.project_id WHERE e.org_id = :org AND p.deleted_at IS NULL AND e.object_key IS NOT NULL")
                .bind("org", t.org().value()).mapTo(Long.class).one());
            answer.put("objects", counts.objects());
            answer.put("storageBytes", counts.storageBytes());
            answer.put("quotaBytes", usage.quota(t));
            answer.put("throttle", Map.of(
                "apiPerOrganization", Map.of("remaining", throttle.remaining(Limit.API_PER_ORGANIZATION, scope.org().toString()),
                    "capacity", throttle.config().rate(Limit.API_PER_ORGANIZATION).capacity())));
            return answer;
        });
    }
}
