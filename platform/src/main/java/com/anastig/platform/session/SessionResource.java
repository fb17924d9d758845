package com.anastig.platform.session;

import com.anastig.platform.account.AccountDao;
import com.anastig.platform.account.AccountRow;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.PreSession;
import com.anastig.platform.legal.LegalDocuments;
import com.anastig.platform.security.SecurityEvents;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/** {@code /api/v1/session}: log in, see the current session, log out. */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {
    private final LoginService login;
    private final SessionStore sessions;
    private final SessionCookie cookie;
    private final Jdbi jdbi;
    private final LegalDocuments legal;
    private final SecurityEvents events;
    private final Function<ContainerRequestContext, SecurityEvents.Origin> origins;
    private final SecondFactor secondFactor;

    public SessionResource(LoginService login, SessionStore sessions, SessionCookie cookie, Jdbi jdbi, LegalDocuments legal,
                           SecurityEvents events, SecondFactor secondFactor, Function<ContainerRequestContext, SecurityEvents.Origin> origins,
                           Function<UUID, List<Map<String, Object>>> organizations) {
        this.organizations = organizations;
        this.secondFactor = secondFactor;
        this.login = login;
        this.sessions = sessions;
        this.cookie = cookie;
        this.jdbi = jdbi;
        this.legal = legal;
        this.events = events;
        this.origins = origins;
    }

    private final Function<UUID, List<Map<String, Object>>> organizations;

    /** The account as the session shows it. */
    public record AccountView(UUID id, String email, String name, String language, boolean mfaEnabled, boolean operator) {
        static AccountView of(AccountRow a) {
            return new AccountView(a.id(), a.email(), a.name(), a.language(), a.mfaEnabled(), a.operator());
        }
    }

    /** {@code GET /api/v1/session}. */
    public record SessionView(AccountView account, String csrfToken, List<Map<String, Object>> organizations, List<String> consentRequired) {
    }

    @POST
    @PreSession
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in (a new session id every time); 401 mfa_required with an mfaToken when a second factor is due", tags = "session")
    public Response login(LoginRequest request, @Context ContainerRequestContext context) {
        if (request == null) {
            throw ApiException.badRequest("body_required", "A JSON body is required.");
        }
        LoginService.LoggedIn in = login.login(request, origins.apply(context));
        // a session the browser held before logging in is ended: the new one never reuses it
        SessionFilter.of(context).ifPresent(old -> sessions.revoke(old.accountId(), old.id(), "replaced_by_login"));
        return Response.ok(view(in.account(), in.session().session())).cookie(cookie.issue(in.session().token())).build();
    }

    @GET
    @RequiresSession
    @Operation(summary = "The current session, its CSRF token, and what consent is owed", tags = "session")
    public SessionView current(@Context ContainerRequestContext context) {
        Session s = SessionFilter.of(context).orElseThrow();
        AccountRow account = jdbi.withExtension(AccountDao.class, dao -> dao.find(s.accountId())).orElseThrow();
        return view(account, s);
    }

    /** {@code {"totp": "123456"}} or {@code {"recoveryCode": "..."}} */
    public record StepUp(String totp, String recoveryCode) {
        @Override
        public String toString() {
            return "StepUp[***]";
        }
    }

    @POST
    @Path("/step-up")
    @RequiresSession
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-check the second factor: the session's MFA counts as fresh", tags = "session")
    public Response stepUp(StepUp request, @Context ContainerRequestContext context) {
        Session s = SessionFilter.of(context).orElseThrow();
        AccountRow account = jdbi.withExtension(AccountDao.class, dao -> dao.find(s.accountId())).orElseThrow();
        if (request == null || !account.mfaEnabled()
            || !jdbi.inTransaction(h -> secondFactor.verify(h, account, request.totp(), request.recoveryCode()))) {
            events.record(s.accountId(), "mfa_failed", origins.apply(context));
            throw new ApiException(401, "invalid_code", "Invalid code", "The code is not valid.");
        }
        sessions.markMfaVerified(s);
        events.record(s.accountId(), "step_up", origins.apply(context));
        return Response.noContent().build();
    }

    @DELETE
    @RequiresSession
    @Operation(summary = "Log out: the session is dead on every node", tags = "session")
    public Response logout(@Context ContainerRequestContext context) {
        Session s = SessionFilter.of(context).orElseThrow();
        sessions.revoke(s.accountId(), s.id(), "logout");
        events.record(s.accountId(), "logout", origins.apply(context));
        return Response.noContent().cookie(cookie.clear()).build();
    }

    private SessionView view(AccountRow account, Session s) {
        return new SessionView(AccountView.of(account), s.csrfToken(), organizations.apply(account.id()), consentRequired(account.id()));
    }

    /** The document types whose version in force the account has not accepted. */
    List<String> consentRequired(UUID accountId) {
        Map<String, String> accepted = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT document_type, version FROM consent_record WHERE account_id = :a ORDER BY accepted_at")
            .bind("a", accountId).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
            .forEach(e -> accepted.put(e.getKey(), e.getValue())));
        return List.copyOf(legal.staleOrMissing(accepted));
    }
}
