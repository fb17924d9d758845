package com.anastig.platform.web;

import com.anastig.platform.account.AccountService;
import com.anastig.platform.account.EmailChangeService;
import com.anastig.platform.account.PasswordResetService;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.DoubleSubmitCsrf;
import com.anastig.platform.security.SecurityEvents;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Function;

/**
 * The pages the mailed links open. A GET never changes anything: it shows a button (a plain form,
 * no JavaScript) that POSTs the token; the POST is protected by a double-submit {@code _csrf}
 * cookie and field. The token travels in the form, and the pages send no Referer.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class LinkPages {
    static final String CSRF_COOKIE = "anastig_form_csrf";
    private final AccountService accounts;
    private final EmailChangeService emailChanges;
    private final PasswordResetService resets;
    private final Function<ContainerRequestContext, SecurityEvents.Origin> origins;
    private final boolean secure;
    private final com.anastig.platform.security.SecretTokens secrets = new com.anastig.platform.security.SecretTokens();

    public LinkPages(AccountService accounts, EmailChangeService emailChanges, PasswordResetService resets,
                     Function<ContainerRequestContext, SecurityEvents.Origin> origins, java.net.URI publicBaseUrl) {
        this.accounts = accounts;
        this.emailChanges = emailChanges;
        this.resets = resets;
        this.origins = origins;
        this.secure = "https".equalsIgnoreCase(publicBaseUrl.getScheme());
    }

    @GET
    @Path("verify-email")
    public Response verifyForm(@QueryParam("token") String token) {
        String csrf = newCsrf();
        return page("Confirm your e-mail address", "<form method=\"post\" action=\"/verify-email\">"
            + hidden("token", token) + hidden("_csrf", csrf)
            + "<button type=\"submit\">Confirm e-mail address</button></form>", csrf);
    }

    @POST
    @DoubleSubmitCsrf
    @Path("verify-email")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@FormParam("token") String token, @FormParam("_csrf") String csrf, @CookieParam(CSRF_COOKIE) String cookie,
                           @Context ContainerRequestContext context) {
        requireCsrf(csrf, cookie);
        try {
            accounts.verifyEmail(token, emailChanges, origins.apply(context));
            return page("E-mail address confirmed", "<p>Your e-mail address is confirmed. You can log in now.</p>", null);
        } catch (ApiException e) {
            return failed(e);
        }
    }

    @GET
    @Path("reset-password")
    public Response resetForm(@QueryParam("token") String token) {
        String csrf = newCsrf();
        return page("Choose a new password", "<form method=\"post\" action=\"/reset-password\">" + hidden("token", token)
            + hidden("_csrf", csrf) + "<label for=\"password\">New password (at least 8 characters)</label>"
            + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"8\" maxlength=\"1024\" required>"
            + "<button type=\"submit\">Set new password</button></form>", csrf);
    }

    @POST
    @DoubleSubmitCsrf
    @Path("reset-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@FormParam("token") String token, @FormParam("password") String password, @FormParam("_csrf") String csrf,
                          @CookieParam(CSRF_COOKIE) String cookie, @Context ContainerRequestContext context) {
        requireCsrf(csrf, cookie);
        try {
            resets.confirm(token, password, origins.apply(context));
            return page("Password changed", "<p>Your password is changed and every session has ended. Log in with the new one.</p>", null);
        } catch (ApiException e) {
            return failed(e);
        }
    }

    private Response failed(ApiException e) {
        String detail = e.toProblem().errors() == null ? e.getMessage()
            : e.getMessage() + " " + e.toProblem().errors().stream().map(f -> f.message()).reduce((a, b) -> a + "; " + b).orElse("");
        return Response.status(e.status()).entity(html("Not done", "<p role=\"alert\">" + escape(detail) + "</p>"))
            .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store").build();
    }

    private void requireCsrf(String field, String cookie) {
        if (field == null || cookie == null
            || !MessageDigest.isEqual(field.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.forbidden("csrf_failed", "The form is stale: open the link again.");
        }
    }

    private String newCsrf() {
        return secrets.next();
    }

    private Response page(String title, String body, String csrf) {
        Response.ResponseBuilder r = Response.ok(html(title, body)).header("Referrer-Policy", "no-referrer")
            .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
            .header("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        if (csrf != null) {
            r.cookie(new NewCookie.Builder(CSRF_COOKIE).value(csrf).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build());
        }
        return r.build();
    }

    private static String html(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
            + "<title>" + escape(title) + " - Anastig</title></head><body><main><h1>" + escape(title) + "</h1>" + body + "</main></body></html>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value == null ? "" : value) + "\">";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
