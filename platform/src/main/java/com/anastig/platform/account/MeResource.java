package com.anastig.platform.account;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.security.SecurityEvents;
import com.anastig.platform.session.RequiresSession;
import com.anastig.platform.session.Session;
import com.anastig.platform.session.SessionFilter;
import com.anastig.platform.session.SessionStore;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/** {@code /api/v1/me}: the signed-in person's account, sessions, password and security events. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RequiresSession
public final class MeResource {
    private final Jdbi jdbi;
    private final SessionStore sessions;
    private final PasswordResetService passwords;
    private final SecurityEvents events;
    private final Function<ContainerRequestContext, SecurityEvents.Origin> origins;
    private final java.time.Clock clock;
    private final EmailChangeService emailChanges;

    public MeResource(Jdbi jdbi, SessionStore sessions, PasswordResetService passwords, EmailChangeService emailChanges,
                      SecurityEvents events, Function<ContainerRequestContext, SecurityEvents.Origin> origins, java.time.Clock clock) {
        this.clock = clock;
        this.emailChanges = emailChanges;
        this.jdbi = jdbi;
        this.sessions = sessions;
        this.passwords = passwords;
        this.events = events;
        this.origins = origins;
    }

    /** The account as its owner sees it. */
    public record Me(UUID id, String email, boolean emailVerified, String name, String country, String industry, String intendedUse,
                     String jobRole, String language, boolean mfaEnabled, Instant createdAt, Map<String, Boolean> preferences) {
    }

    /** {@code PATCH /me}: only these fields; anything else (operator, status, ...) is an unknown field (400). */
    public record Patch(String name, String country, String industry, String intendedUse, String jobRole, String language) {
    }

    /** {@code POST /me/password}. */
    public record PasswordChange(String currentPassword, String password) {
        @Override
        public String toString() {
            return "PasswordChange[***]";
        }
    }

    /** A session as listed to its owner. */
    public record SessionView(UUID id, boolean current, Instant createdAt, Instant lastSeenAt, String userAgentSummary, String country) {
    }

    @GET
    @Operation(summary = "The account", tags = "me")
    public Me get(@Context ContainerRequestContext context) {
        return view(account(context));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change name, country, industry, intended use, job role or language", tags = "me")
    public Me patch(Patch patch, @Context ContainerRequestContext context) {
        if (patch == null) {
            throw ApiException.badRequest("body_required", "A JSON body is required.");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (patch.name() != null) {
            SignUpRequest.text(errors, "name", patch.name(), true, 200);
        }
        SignUpRequest.text(errors, "industry", patch.industry(), false, 200);
        SignUpRequest.text(errors, "intendedUse", patch.intendedUse(), false, 1000);
        SignUpRequest.text(errors, "jobRole", patch.jobRole(), false, 200);
        if (patch.country() != null && !SignUpRequest.COUNTRIES.contains(patch.country())) {
            errors.add(new Problem.FieldError("country", "must be an ISO 3166-1 alpha-2 code such as DE"));
        }
        if (patch.language() != null && !SignUpRequest.LANGUAGES.contains(patch.language())) {
            errors.add(new Problem.FieldError("language", "must be one of [de, en]"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        UUID id = session(context).accountId();
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE account SET name = COALESCE(:name, name), country = COALESCE(:country, country),"
                    + " industry = CASE WHEN :industrySet THEN NULLIF(:industry, '') ELSE industry END,"
                    + " intended_use = CASE WHEN :intendedUseSet THEN NULLIF(:intendedUse, '') ELSE intended_use END,"
                    + " job_role = CASE WHEN :jobRoleSet THEN NULLIF(:jobRole, '') ELSE job_role END,"
                    + " language = COALESCE(:language, language), updated_at = :now WHERE id = :id")
                .bind("name", patch.name() == null ? null : patch.name().strip()).bind("country", patch.country())
                .bind("industrySet", patch.industry() != null).bind("industry", strip(patch.industry()))
                .bind("intendedUseSet", patch.intendedUse() != null).bind("intendedUse", strip(patch.intendedUse()))
                .bind("jobRoleSet", patch.jobRole() != null).bind("jobRole", strip(patch.jobRole()))
                .bind("language", patch.language()).bind("now", clock.instant()).bind("id", id).execute();
            events.record(h, id, "account_changed", origins.apply(context));
        });
        return get(context);
    }

    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the password; the other sessions end", tags = "me")
    public Response changePassword(PasswordChange change, @Context ContainerRequestContext context) {
        if (change == null) {
            throw ApiException.badRequest("body_required", "A JSON body is required.");
        }
        Session s = session(context);
        passwords.change(s.accountId(), s.id(), change.currentPassword(), change.password(), origins.apply(context));
        return Response.noContent().build();
    }

    /** {@code POST /me/email}. */
    public record EmailChange(String email, String password) {
        @Override
        public String toString() {
            return "EmailChange[***]";
        }
    }

    @POST
    @Path("/email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the e-mail address: it takes effect when the new address is confirmed", tags = "me")
    public Response changeEmail(EmailChange change, @Context ContainerRequestContext context) {
        if (change == null) {
            throw ApiException.badRequest("body_required", "A JSON body is required.");
        }
        emailChanges.request(session(context).accountId(), change.email(), change.password(), origins.apply(context));
        return Response.accepted(Map.of("status", "accepted")).build();
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "The account's live sessions", tags = "me")
    public Map<String, List<SessionView>> sessions(@Context ContainerRequestContext context) {
        Session current = session(context);
        return Map.of("items", sessions.ofAccount(current.accountId()).stream()
            .map(s -> new SessionView(s.id(), s.id().equals(current.id()), s.createdAt(), s.lastSeenAt(), s.userAgentSummary(), s.country()))
            .toList());
    }

    @DELETE
    @Path("/sessions/{id}")
    @Operation(summary = "End one of the account's sessions, on every node", tags = "me")
    public Response revoke(@PathParam("id") String id, @Context ContainerRequestContext context) {
        Session current = session(context);
        UUID sessionId;
        try {
            sessionId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound();
        }
        if (!sessions.revoke(current.accountId(), sessionId, "revoked_by_owner")) {
            throw ApiException.notFound();
        }
        events.record(current.accountId(), "session_revoked", origins.apply(context));
        return Response.noContent().build();
    }

    @GET
    @Path("/security-events")
    @Operation(summary = "The account's security events, newest first", tags = "me")
    public Map<String, List<SecurityEvents.Event>> securityEvents(@Context ContainerRequestContext context) {
        return Map.of("items", events.of(session(context).accountId(), 500));
    }

    private static Session session(ContainerRequestContext context) {
        return SessionFilter.of(context).orElseThrow();
    }

    private AccountRow account(ContainerRequestContext context) {
        UUID id = session(context).accountId();
        return jdbi.withExtension(AccountDao.class, dao -> dao.find(id)).orElseThrow(ApiException::notFound);
    }

    private static Me view(AccountRow a) {
        return new Me(a.id(), a.email(), a.emailVerifiedAt() != null, a.name(), a.country(), a.industry(), a.intendedUse(), a.jobRole(),
            a.language(), a.mfaEnabled(), a.createdAt(), Map.of("analyticsCookies", a.analyticsCookies()));
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
