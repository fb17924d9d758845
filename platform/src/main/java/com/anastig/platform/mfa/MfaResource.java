package com.anastig.platform.mfa;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.security.SecurityEvents;
import com.anastig.platform.session.RequiresSession;
import com.anastig.platform.session.Session;
import com.anastig.platform.session.SessionFilter;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code /api/v1/me/mfa}: TOTP enrolment, confirmation, removal and recovery codes. */
@Path("/api/v1/me/mfa")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequiresSession
public final class MfaResource {
    private final MfaService mfa;
    private final Function<ContainerRequestContext, SecurityEvents.Origin> origins;

    public MfaResource(MfaService mfa, Function<ContainerRequestContext, SecurityEvents.Origin> origins) {
        this.mfa = mfa;
        this.origins = origins;
    }

    /** Password and/or code, as each call needs. */
    public record Proof(String password, String code) {
        @Override
        public String toString() {
            return "Proof[***]";
        }
    }

    @POST
    @Path("/totp")
    @Operation(summary = "Start TOTP enrolment (pending until confirmed)", tags = "me")
    public MfaService.Enrolment start(Proof proof, @Context ContainerRequestContext context) {
        Session s = session(context);
        return mfa.start(s.accountId(), body(proof).password(), origins.apply(context));
    }

    @POST
    @Path("/totp/confirm")
    @Operation(summary = "Confirm enrolment with a code; returns ten recovery codes, shown once", tags = "me")
    public Map<String, List<String>> confirm(Proof proof, @Context ContainerRequestContext context) {
        Session s = session(context);
        return Map.of("recoveryCodes", mfa.confirm(s.accountId(), s.id(), body(proof).code(), origins.apply(context)));
    }

    @DELETE
    @Path("/totp")
    @Operation(summary = "Turn TOTP off (password and a current code)", tags = "me")
    public Response disable(Proof proof, @Context ContainerRequestContext context) {
        Session s = session(context);
        mfa.disable(s.accountId(), s.id(), body(proof).password(), proof.code(), origins.apply(context));
        return Response.noContent().build();
    }

    @POST
    @Path("/recovery-codes")
    @Operation(summary = "A new set of recovery codes (password and a current code); the old set is void", tags = "me")
    public Map<String, List<String>> regenerate(Proof proof, @Context ContainerRequestContext context) {
        Session s = session(context);
        return Map.of("recoveryCodes", mfa.regenerate(s.accountId(), body(proof).password(), proof.code(), origins.apply(context)));
    }

    private static Session session(ContainerRequestContext context) {
        return SessionFilter.of(context).orElseThrow();
    }

    private static Proof body(Proof proof) {
        if (proof == null) {
            throw ApiException.badRequest("body_required", "A JSON body is required.");
        }
        return proof;
    }
}
