package com.anastig.platform.member;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.PathIds;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.anastig.platform.tenant.Role;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/** An organization's members: {@code /api/v1/orgs/{orgId}/members}. */
@Path("/api/v1/orgs/{orgId}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class MemberResource {
    private final MemberService members;

    public MemberResource(MemberService members) {
        this.members = members;
    }

    /** A member on the wire. */
    public record MemberView(UUID accountId, String email, String name, String role, Instant joinedAt) {
        static MemberView of(MemberService.Member m) {
            return new MemberView(m.accountId(), m.email(), m.name(), m.role().wire(), m.joinedAt());
        }
    }

    /** The body of a role change. */
    public record RoleBody(@JsonProperty("role") Role role) {
    }

    @GET
    @Requires(Permission.MEMBERS_READ)
    @Operation(summary = "The organization's members", tags = "members")
    public Paging.Page<MemberView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                        @Context ContainerRequestContext request) {
        Paging paging = Paging.of(limit, cursor);
        UUID after = paging.position().map(MemberResource::uuid).orElse(null);
        return paging.page(members.list(OrgScope.of(request), after, paging.limit() + 1), m -> m.accountId().toString(), MemberView::of);
    }

    @PATCH
    @Path("{accountId}")
    @Requires(Permission.MEMBERS_MANAGE)
    @Operation(summary = "Change a member's role (never above one's own; owners only for owners; 409 last_owner)", tags = "members")
    public MemberView changeRole(@PathParam("accountId") String accountId, RoleBody body, @Context ContainerRequestContext request) {
        UUID target = PathIds.uuid(accountId);
        OrgScope scope = OrgScope.of(request);
        return MemberView.of(members.changeRole(scope, target, body == null ? null : body.role(), Actor.of(scope, request)));
    }

    @DELETE
    @Path("{accountId}")
    @Requires(Permission.LEAVE)
    @Operation(summary = "Remove a member (admin), or leave (one's own id); 409 last_owner", tags = "members")
    public Response remove(@PathParam("accountId") String accountId, @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        members.remove(scope, PathIds.uuid(accountId), Actor.of(scope, request));
        return Response.noContent().build();
    }

    private static UUID uuid(String position) {
        try {
            return UUID.fromString(position);
        } catch (IllegalArgumentException e) {
            throw Paging.invalidCursor();
        }
    }
}
