package com.anastig.platform.apitoken;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.anastig.platform.tenant.Role;
import com.fasterxml.jackson.annotation.JsonInclude;
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

/** {@code /api/v1/orgs/{orgId}/tokens}: API tokens for scripts (the secret is shown once, in the 201). */
@Path("/api/v1/orgs/{orgId}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ApiTokenResource {
    private final ApiTokenService tokens;

    public ApiTokenResource(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    /** The body of a new token. */
    public record CreateBody(@JsonProperty("name") String name, @JsonProperty("role") Role role,
                             @JsonProperty("expiresAt") Instant expiresAt) {
    }

    /** A token on the wire; {@code token} (the secret) only in the answer to its creation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenView(UUID id, String name, String role, UUID createdBy, Instant createdAt, Instant expiresAt,
                            Instant lastUsedAt, boolean revoked, boolean active, String token) {
        static TokenView of(ApiTokenService.Token t, String secret) {
            return new TokenView(t.id(), t.name(), t.role().wire(), t.createdBy(), t.createdAt(), t.expiresAt(), t.lastUsedAt(),
                t.revoked(), t.active(), secret);
        }

        @Override
        public String toString() {
            return "TokenView[" + id + "]";
        }
    }

    @POST
    @Requires(Permission.TOKENS_MANAGE)
    @Operation(summary = "Create an API token (role at most yours); the secret is in this answer only (201)", tags = "tokens")
    public Response create(CreateBody body, @Context ContainerRequestContext request) {
        if (body == null) {
            throw ApiException.badRequest("body_required", "Send {\"name\": ..., \"role\": ...}.");
        }
        OrgScope scope = OrgScope.of(request);
        ApiTokenService.Created created = tokens.create(scope, body.name(), body.role(), body.expiresAt(), Actor.of(scope, request));
        return Response.status(201).entity(TokenView.of(created.token(), created.secret())).header("Cache-Control", "no-store").build();
    }

    @GET
    @Requires(Permission.TOKENS_MANAGE)
    @Operation(summary = "The organization's API tokens (never their secrets)", tags = "tokens")
    public com.anastig.platform.http.Paging.Page<TokenView> list(@Context ContainerRequestContext request) {
        // at most 500, newest first: one page
        return new com.anastig.platform.http.Paging.Page<>(tokens.list(OrgScope.of(request)).stream().map(t -> TokenView.of(t, null)).toList(), null);
    }

    @DELETE
    @Path("{id}")
    @Requires(Permission.TOKENS_MANAGE)
    @Operation(summary = "Revoke an API token", tags = "tokens")
    public Response revoke(@PathParam("id") String id, @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        tokens.revoke(scope, com.anastig.platform.http.PathIds.uuid(id), Actor.of(scope, request));
        return Response.noContent().build();
    }
}
