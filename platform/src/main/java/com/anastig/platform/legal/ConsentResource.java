package com.anastig.platform.legal;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.security.SecurityEvents;
import com.anastig.platform.session.RequiresSession;
import com.anastig.platform.session.Session;
import com.anastig.platform.session.SessionFilter;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/** {@code /api/v1/me/consents}: the person's consent history (append-only) and new acceptances. */
@Path("/api/v1/me/consents")
@Produces(MediaType.APPLICATION_JSON)
@RequiresSession
public final class ConsentResource {
    private final Jdbi jdbi;
    private final LegalDocuments legal;
    private final Clock clock;
    private final Function<ContainerRequestContext, SecurityEvents.Origin> origins;

    public ConsentResource(Jdbi jdbi, LegalDocuments legal, Clock clock, Function<ContainerRequestContext, SecurityEvents.Origin> origins) {
        this.jdbi = jdbi;
        this.legal = legal;
        this.clock = clock;
        this.origins = origins;
    }

    /** One consent record. */
    public record Consent(String type, String version, Instant acceptedAt) {
    }

    /** {@code {"accepted": {"privacy": "2026-12-01"}}} */
    public record AcceptRequest(Map<String, String> accepted) {
    }

    @GET
    @Operation(summary = "Every consent record of the account", tags = "me")
    public Map<String, List<Consent>> list(@Context ContainerRequestContext context) {
        UUID account = session(context).accountId();
        return Map.of("items", jdbi.withHandle(h -> h.createQuery("SELECT document_type, version, accepted_at FROM consent_record"
                + " WHERE account_id = :a ORDER BY accepted_at, document_type")
            .bind("a", account).map((rs, ctx) -> new Consent(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept the versions in force; a stale version is 409", tags = "me")
    public Response accept(AcceptRequest request, @Context ContainerRequestContext context) {
        if (request == null || request.accepted() == null || request.accepted().isEmpty()) {
            throw ApiException.invalid(List.of(new Problem.FieldError("accepted", "name at least one document and its version")));
        }
        Map<String, LegalDocumentRow> current = legal.current();
        for (Map.Entry<String, String> e : request.accepted().entrySet()) {
            if (!LegalDocuments.TYPES.contains(e.getKey())) {
                throw ApiException.invalid(List.of(new Problem.FieldError("accepted." + e.getKey(), "unknown document")));
            }
            LegalDocumentRow row = current.get(e.getKey());
            if (row == null || !row.version().equals(e.getValue())) {
                throw ApiException.conflict("consent_outdated", "The version in force of " + e.getKey() + " is another one.");
            }
        }
        UUID account = session(context).accountId();
        SecurityEvents.Origin origin = origins.apply(context);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> new java.util.TreeMap<>(request.accepted()).forEach((type, version) ->
            h.createUpdate("INSERT INTO consent_record (id, account_id, document_type, version, accepted_at, country, user_agent_summary)"
                    + " VALUES (:id, :a, :type, :version, :now, :country, :ua)")
                .bind("id", UUID.randomUUID()).bind("a", account).bind("type", type).bind("version", version).bind("now", now)
                .bind("country", origin.country()).bind("ua", origin.userAgentSummary()).execute()));
        return Response.status(201).entity(list(context)).build();
    }

    private static Session session(ContainerRequestContext context) {
        return SessionFilter.of(context).orElseThrow();
    }
}
