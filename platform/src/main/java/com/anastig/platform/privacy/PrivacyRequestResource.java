package com.anastig.platform.privacy;

import com.anastig.platform.security.SecurityEvents;
import com.anastig.platform.session.RequiresSession;
import com.anastig.platform.session.SessionFilter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** {@code /api/v1/me/privacy-requests}: the signed-in person's privacy requests. */
@Path("/api/v1/me/privacy-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresSession
public final class PrivacyRequestResource {
    private final PrivacyRequests requests;
    private final Function<ContainerRequestContext, SecurityEvents.Origin> origins;

    public PrivacyRequestResource(PrivacyRequests requests, Function<ContainerRequestContext, SecurityEvents.Origin> origins) {
        this.requests = requests;
        this.origins = origins;
    }

    /** A new request. */
    public record Body(@JsonProperty("type") String type, @JsonProperty("details") String details) {
    }

    private static UUID account(ContainerRequestContext request) {
        return SessionFilter.of(request).orElseThrow().accountId();
    }

    @POST
    @Operation(summary = "Make a privacy request (access, rectification, erasure, portability, restriction, objection): recorded with its"
        + " one-month deadline, acknowledged by mail, routed to the operators (201)", tags = "privacy")
    public Response submit(Body body, @Context ContainerRequestContext request) {
        Body b = body == null ? new Body(null, null) : body;
        return Response.status(201).entity(requests.submit(account(request), b.type(), b.details(), origins.apply(request))).build();
    }

    @GET
    @Operation(summary = "The person's privacy requests, newest first, with the restriction and objection flags", tags = "privacy")
    public Map<String, Object> mine(@Context ContainerRequestContext request) {
        return requests.mine(account(request));
    }
}
