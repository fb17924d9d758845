package com.anastig.platform.privacy;

import com.anastig.platform.admin.OperatorFilter;
import com.anastig.platform.admin.OperatorOnly;
import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.PathIds;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** {@code /api/v1/admin/privacy-requests}: the operators' queue of privacy requests, each resolved with a reason. */
@Path("/api/v1/admin/privacy-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@OperatorOnly
public final class PrivacyAdminResource {
    private final PrivacyRequests requests;

    public PrivacyAdminResource(PrivacyRequests requests) {
        this.requests = requests;
    }

    /** An operator's resolution. */
    public record ResolveBody(@JsonProperty("resolution") String resolution, @JsonProperty("reason") String reason) {
    }

    @GET
    @Operation(summary = "Privacy requests: ?status=open (default, by deadline, with overdue) or resolved", tags = "admin")
    public Paging.Page<PrivacyRequests.Request> queue(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                                      @QueryParam("cursor") String cursor) {
        return requests.queue(status, Paging.of(limit, cursor));
    }

    @POST
    @Path("{id}/resolve")
    @Operation(summary = "Resolve a privacy request: resolution completed|rejected and a reason of 10 to 500 characters (audited)", tags = "admin")
    public PrivacyRequests.Request resolve(@PathParam("id") String id, ResolveBody body, @Context ContainerRequestContext request) {
        ResolveBody b = body == null ? new ResolveBody(null, null) : body;
        UUID operator = OperatorFilter.operator(request);
        return requests.resolve(operator, PathIds.uuid(id), b.resolution(), b.reason(), Actor.operator(operator, request));
    }
}
