package com.anastig.platform.account;

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

/** {@code /api/v1/accounts}: sign-up and e-mail verification, before there is a session. */
@Path("/api/v1/accounts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PreSession
public final class AccountResource {
    private final AccountService accounts;
    private final EmailChangeService changes;
    private final Function<ContainerRequestContext, SecurityEvents.Origin> origins;

    /**
     * @param origins what is known of a request's origin (coarse country, user-agent summary)
     */
    public AccountResource(AccountService accounts, EmailChangeService changes,
                           Function<ContainerRequestContext, SecurityEvents.Origin> origins) {
        this.accounts = accounts;
        this.changes = changes;
        this.origins = origins;
    }

    /** {@code {"token": "..."}} */
    public record TokenRequest(String token) {
        @Override
        public String toString() {
            return "TokenRequest[***]";
        }
    }

    /** {@code {"email": "..."}} */
    public record EmailRequest(String email) {
        @Override
        public String toString() {
            return "EmailRequest[***]";
        }
    }

    @POST
    @Operation(summary = "Sign up; the answer is the same whether or not the e-mail is taken", tags = "accounts")
    public Response signUp(SignUpRequest request, @Context ContainerRequestContext context) {
        accounts.signUp(requireBody(request), origins.apply(context));
        return accepted();
    }

    @POST
    @Path("/verify-email")
    @Operation(summary = "Confirm an e-mail address with the mailed token", tags = "accounts")
    public Map<String, String> verifyEmail(TokenRequest request, @Context ContainerRequestContext context) {
        accounts.verifyEmail(requireBody(request).token(), changes, origins.apply(context));
        return Map.of("status", "verified");
    }

    @POST
    @Path("/verify-email/resend")
    @Operation(summary = "Send a new verification link; always 202", tags = "accounts")
    public Response resend(EmailRequest request, @Context ContainerRequestContext context) {
        accounts.resendVerification(requireBody(request).email(), origins.apply(context));
        return accepted();
    }

    private static Response accepted() {
        return Response.accepted(Map.of("status", "accepted")).build();
    }

    private static <T> T requireBody(T body) {
        if (body == null) {
            throw com.anastig.platform.http.ApiException.badRequest("body_required", "A JSON body is required.");
        }
        return body;
    }
}
