package com.anastig.platform.member;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/** An organization's invitations: {@code /api/v1/orgs/{orgId}/invitations}. */
@Path("/api/v1/orgs/{orgId}/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class InvitationResource {
    private final InvitationService invitations;

    public InvitationResource(InvitationService invitations) {
        this.invitations = invitations;
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

    @POST
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
    @Requires(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "Pending invitations", tags = "members")
    public com.anastig.platform.http.Paging.Page<InvitationView> pending(@Context ContainerRequestContext request) {
        // at most 500, newest first: one page
        return new com.anastig.platform.http.Paging.Page<>(invitations.pending(OrgScope.of(request)).stream().map(InvitationView::of).toList(), null);
    }

    @DELETE
    @Path("{id}")
    @Requires(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "Revoke an invitation", tags = "members")
    public Response revoke(@PathParam("id") String id, @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        invitations.revoke(scope, PathIds.uuid(id), Actor.of(scope, request));
        return Response.noContent().build();
    }

}
