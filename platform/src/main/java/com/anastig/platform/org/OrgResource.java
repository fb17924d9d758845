package com.anastig.platform.org;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.session.RequiresSession;
import com.anastig.platform.session.SessionFilter;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import com.anastig.platform.http.Paging;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** {@code /api/v1/orgs}: the caller's organizations, and one organization itself. */
@Path("/api/v1/orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class OrgResource {
    private final OrgService orgs;

    public OrgResource(OrgService orgs) {
        this.orgs = orgs;
    }

    /** The body of create and rename. */
    public record NameBody(@JsonProperty("name") String name) {
    }

    /** An organization on the wire. */
    public record OrgView(String id, String name, String role, Instant createdAt) {
        static OrgView of(OrgService.Org o) {
            return new OrgView(o.id().toString(), o.name(), o.role().wire(), o.createdAt());
        }
    }

    @POST
    @RequiresSession
    @Operation(summary = "Create an organization; the caller becomes its owner (201)", tags = "organizations")
    public Response create(NameBody body, @Context ContainerRequestContext request) {
        UUID account = SessionFilter.of(request).orElseThrow().accountId();
        OrgService.Org org = orgs.create(account, body == null ? null : body.name(), Actor.account(account, request));
        return Response.status(201).entity(OrgView.of(org)).build();
    }

    @GET
    @RequiresSession
    @Operation(summary = "The caller's organizations", tags = "organizations")
    public Paging.Page<OrgView> mine(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                     @Context ContainerRequestContext request) {
        UUID account = SessionFilter.of(request).orElseThrow().accountId();
        Paging paging = Paging.of(limit, cursor);
        UUID after = paging.position().map(OrgResource::uuidCursor).orElse(null);
        return paging.page(orgs.mine(account, after, paging.limit() + 1), o -> o.id().toString(), OrgView::of);
    }

    private static UUID uuidCursor(String position) {
        return com.anastig.platform.tenant.OrgId.parse(position).orElseThrow(Paging::invalidCursor).value();
    }

    @GET
    @Path("{orgId}")
    @Requires(Permission.ORG_READ)
    @Operation(summary = "One organization (404 for a non-member, like a missing one)", tags = "organizations")
    public OrgView get(@Context ContainerRequestContext request) {
        return OrgView.of(orgs.get(OrgScope.of(request)));
    }

    @PATCH
    @Path("{orgId}")
    @Requires(Permission.ORG_RENAME)
    @Operation(summary = "Rename the organization (admin)", tags = "organizations")
    public OrgView rename(NameBody body, @Context ContainerRequestContext request) {
        if (body == null) {
            throw ApiException.badRequest("body_required", "Send {\"name\": ...}.");
        }
        OrgScope scope = OrgScope.of(request);
        return OrgView.of(orgs.rename(scope, body.name(), Actor.of(scope, request)));
    }

    @DELETE
    @Path("{orgId}")
    @Requires(Permission.ORG_DELETE)
    @Operation(summary = "Delete the organization (owner): hidden at once, its data and objects purged by a job (202)", tags = "organizations")
    public Response delete(@Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        Instant at = orgs.delete(scope, Actor.of(scope, request));
        return Response.accepted(Map.of("id", scope.org().toString(), "deletedAt", at.toString(), "status", "scheduled")).build();
    }
}
