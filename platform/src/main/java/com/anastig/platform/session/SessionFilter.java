package com.anastig.platform.session;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.PreSession;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the session cookie of every request once, and guards cookie-authenticated unsafe
 * requests against cross-site use: they must carry {@code X-CSRF-Token} equal to the session's token
 * and, when they send an {@code Origin}, the public base URL's origin (403 {@code csrf_failed}).
 * Endpoints that need a session say so with {@link RequiresSession}.
 */
@Priority(Priorities.AUTHENTICATION)
public final class SessionFilter implements ContainerRequestFilter {
    static final String PROPERTY = "anastig.session";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final SessionStore sessions;
    private final SessionCookie cookie;
    private final String allowedOrigin;

    @Context
    private ResourceInfo resource;

    public SessionFilter(SessionStore sessions, SessionCookie cookie, java.net.URI publicBaseUrl) {
        this.sessions = sessions;
        this.cookie = cookie;
        this.allowedOrigin = com.anastig.platform.http.PreSessionOriginFilter.originOf(publicBaseUrl);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // an API token request: the token alone authenticates it (a cross-site page cannot set this
            // header without a refused preflight), so the cookie is ignored and no CSRF token is needed
            return;
        }
        Cookie c = request.getCookies().get(cookie.name());
        if (c == null) {
            return;
        }
        Optional<Session> session = sessions.find(c.getValue());
        if (session.isEmpty()) {
            return;
        }
        request.setProperty(PROPERTY, session.get());
        if (!SAFE.contains(request.getMethod()) && !isPreSession()) {
            String origin = request.getHeaderString("Origin");
            String token = request.getHeaderString("X-CSRF-Token");
            if ((origin != null && !origin.equalsIgnoreCase(allowedOrigin)) || token == null
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw ApiException.forbidden("csrf_failed", "The request lacks a valid CSRF token.");
            }
        }
    }

    private boolean isPreSession() {
        return resource != null && resource.getResourceMethod() != null
            && (resource.getResourceMethod().isAnnotationPresent(PreSession.class)
                || resource.getResourceMethod().isAnnotationPresent(com.anastig.platform.http.DoubleSubmitCsrf.class)
                || resource.getResourceClass().isAnnotationPresent(PreSession.class));
    }

    /** The request's session, if it has a live one. */
    public static Optional<Session> of(ContainerRequestContext request) {
        return Optional.ofNullable((Session) request.getProperty(PROPERTY));
    }
}
