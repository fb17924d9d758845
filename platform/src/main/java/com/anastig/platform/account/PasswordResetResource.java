package com.anastig.platform.account;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.PreSession;
import com.anastig.platform.security.SecurityEvents;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Function;

/** {@code /api/v1/password-reset}: ask for a link (always 202), then set a new password with it. */
@Path("/api/v1/password-reset")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PreSession
public final class PasswordResetResource {
    private final PasswordResetService resets;
    private final Function<ContainerRequestContext, SecurityEvents.Origin> origins;

    public PasswordResetResource(PasswordResetService resets, Function<ContainerRequestContext, SecurityEvents.Origin> origins) {
        this.resets = resets;
        this.origins = origins;
    }

    /** {@code {"token": "...", "password": "..."}} */
    public record ConfirmRequest(String token, String password) {
        @Override
        public String toString() {
            return "ConfirmRequest[***]";
        }
    }

    @POST
    @Operation(summary = "Mail a reset link; always 202", tags = "accounts")
    public Response request(AccountResource.EmailRequest request, @Context ContainerRequestContext context) {
        if (request == null) {
            throw ApiException.badRequest("body_required", "A JSON body is required.");
        }
        resets.request(request.email(), origins.apply(context));
        return Response.accepted(Map.of("status", "accepted")).build();
    }

    @POST
    @Path("/confirm")
    @Operation(summary = "Set a new password with the mailed token; every session ends", tags = "accounts")
    public Response confirm(ConfirmRequest request, @Context ContainerRequestContext context) {
        if (request == null) {
            throw ApiException.badRequest("body_required", "A JSON body is required.");
        }
        resets.confirm(request.token(), request.password(), origins.apply(context));
        return Response.noContent().build();
    }
}
