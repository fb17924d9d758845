package com.anastig.platform.member;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.PathIds;
import com.anastig.platform.http.Problem;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An organization's members and invitations: {@code /api/v1/orgs/{orgId}/members} and {@code /invitations}. */
@Path("/api/v1/orgs/{orgId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class MemberResource {
    private final MemberService members;
    private final InvitationService invitations;

    public MemberResource(MemberService members, InvitationService invitations) {
        this.members = members;
        this.invitations = invitations;
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

    /** The body of an invitation. */
    public record InviteBody(@JsonProperty("email") String email, @JsonProperty("role") Role role) {
    }

    /** An invitation on the wire (never its token). */
    public record InvitationView(UUID id, String email, String role, UUID invitedBy, Instant createdAt, Instant expiresAt) {
        static InvitationView of(InvitationService.Invitation i) {
            return new InvitationView(i.id(), i.email(), i.role().wire(), i.invitedBy(), i.createdAt(), i.expiresAt());
        }
    }

    @GET
    @Path("members")
    @Requires(Permission.MEMBERS_READ)
    @Operation(summary = "The organization's members", tags = "members")
    public Paging.Page<MemberView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                        @Context ContainerRequestContext request) {
        Paging paging = Paging.of(limit, cursor);
        UUID after = paging.position().map(MemberResource::uuid).orElse(null);
        return paging.page(members.list(OrgScope.of(request), after, paging.limit() + 1), m -> m.accountId().toString(), MemberView::of);
    }

    @PATCH
    @Path("members/{accountId}")
    @Requires(Permission.MEMBERS_MANAGE)
    @Operation(summary = "Change a member's role (never above one's own; owners only for owners; 409 last_owner)", tags = "members")
    public MemberView changeRole(@PathParam("accountId") String accountId, RoleBody body, @Context ContainerRequestContext request) {
        UUID target = PathIds.uuid(accountId);
        if (body == null || body.role() == null) {
            throw ApiException.invalid(List.of(new Problem.FieldError("role", "must be owner, admin, editor or viewer")));
        }
        OrgScope scope = OrgScope.of(request);
        return MemberView.of(members.changeRole(scope, target, body.role(), Actor.of(scope, request)));
    }

    @DELETE
    @Path("members/{accountId}")
    @Requires(Permission.LEAVE)
    @Operation(summary = "Remove a member (admin), or leave (one's own id); 409 last_owner", tags = "members")
    public Response remove(@PathParam("accountId") String accountId, @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        members.remove(scope, PathIds.uuid(accountId), Actor.of(scope, request));
        return Response.noContent().build();
    }

    @POST
    @Path("invitations")
    @Requires(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "Invite by e-mail: a single-use link valid for 7 days (201)", tags = "members")
    public Response invite(InviteBody body, @Context ContainerRequestContext request) {
        if (body == null) {
            throw ApiException.badRequest("body_required", "Send {\"email\": ..., \"role\": ...}.");
        }
        OrgScope scope = OrgScope.of(request);
        return Response.status(201).entity(InvitationView.of(invitations.invite(scope, body.email(), body.role(), Actor.of(scope, request))))
            .build();
    }

    @GET
    @Path("invitations")
    @Requires(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "Pending invitations", tags = "members")
    public Map<String, Object> pending(@Context ContainerRequestContext request) {
        List<InvitationView> items = invitations.pending(OrgScope.of(request)).stream().map(InvitationView::of).toList();
        java.util.HashMap<String, Object> page = new java.util.HashMap<>();
        page.put("items", items);
        page.put("nextCursor", null);
        return page;
    }

    @DELETE
    @Path("invitations/{id}")
    @Requires(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "Revoke an invitation", tags = "members")
    public Response revoke(@PathParam("id") String id, @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        invitations.revoke(scope, PathIds.uuid(id), Actor.of(scope, request));
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
