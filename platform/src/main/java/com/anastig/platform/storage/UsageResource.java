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
            // images and exports are counted once workspace data exists (projects are the next step)
            answer.put("images", 0);
            answer.put("exports", 0);
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
