package com.anastig.platform.member;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.session.RequiresSession;
import com.anastig.platform.session.SessionFilter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/** {@code POST /api/v1/invitations/accept}: the signed-in invitee accepts with the mailed token. */
@Path("/api/v1/invitations/accept")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class InvitationAcceptResource {
    private final InvitationService invitations;

    public InvitationAcceptResource(InvitationService invitations) {
        this.invitations = invitations;
    }

    /** The body: the token from the mailed link. */
    public record AcceptBody(@JsonProperty("token") String token) {
    }

    @POST
    @RequiresSession
    @Operation(summary = "Accept an invitation (the session's verified address must be the invited one; 403 invitation_mismatch)",
        tags = "members")
    public Map<String, Object> accept(AcceptBody body, @Context ContainerRequestContext request) {
        if (body == null) {
            throw ApiException.badRequest("body_required", "Send {\"token\": ...}.");
        }
        UUID account = SessionFilter.of(request).orElseThrow().accountId();
        InvitationService.Accepted accepted = invitations.accept(account, body.token(), Actor.account(account, request));
        return Map.of("orgId", accepted.orgId().toString(), "role", accepted.role().wire());
    }
}
