package com.anastig.platform.tenant;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.session.Session;
import com.anastig.platform.session.SessionFilter;
import com.anastig.platform.throttle.Limit;
import com.anastig.platform.throttle.Throttle;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the organization scope of every request to a route under {@code /api/v1/orgs/{orgId}},
 * once, from the path and the principal (a session, or an API token in {@code Authorization: Bearer}),
 * in the order the API contract fixes: 401 without a valid session or token, 404 when the caller is
 * not an active member (or the token belongs to another organization, or the organization does not
 * exist: indistinguishable), 429 when throttled, 403 {@code forbidden} when the role does not allow
 * the route's {@link Requires permission}. A route without {@link Requires} is a programming error.
 */
@Priority(Priorities.AUTHORIZATION)
public final class OrgScopeFilter implements ContainerRequestFilter {
    public static final String ORG_ROUTE_PREFIX = "/api/v1/orgs/{orgId}";
    public static final String BEARER_PROPERTY = "anastig.bearer";

    private final ScopeResolver resolver;
    private final OrgBoundToken tokens;
    private final Throttle throttle;
    private final Map<Method, Boolean> orgRoutes = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resource;

    public OrgScopeFilter(ScopeResolver resolver, OrgBoundToken tokens, Throttle throttle) {
        this.resolver = resolver;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null || !orgRoutes.computeIfAbsent(method, m -> template(resource.getResourceClass(), m).startsWith(ORG_ROUTE_PREFIX))) {
            return;
        }
        Requires requires = method.getAnnotation(Requires.class);
        if (requires == null) {
            throw new IllegalStateException("route " + method + " lacks @Requires");
        }
        Principal principal = authenticate(request);
        OrgId org = OrgId.parse(request.getUriInfo().getPathParameters().getFirst("orgId")).orElseThrow(ApiException::notFound);
        Role role;
        if (principal instanceof Principal.Token t) {
            if (!t.org().equals(org)) {
                throw ApiException.notFound();
            }
            throttle.consumeApi(Limit.API_PER_TOKEN, t.tokenId().toString());
            role = t.role();
        } else {
            role = resolver.memberRole(org, principal.accountId()).orElseThrow(ApiException::notFound);
        }
        throttle.consumeApi(Limit.API_PER_ORGANIZATION, org.toString());
        OrgScope scope = new OrgScope(org, principal, role);
        scope.require(requires.value());
        request.setProperty(OrgScope.PROPERTY, scope);
    }

    private Principal authenticate(ContainerRequestContext request) {
        Optional<String> bearer = bearer(request);
        if (bearer.isPresent()) {
            OrgBoundToken.Parsed parsed = tokens.parse(bearer.get()).orElseThrow(ScopeResolver::invalidToken);
            Principal.Token token = resolver.token(parsed);
            request.setProperty(BEARER_PROPERTY, token);
            return token;
        }
        Session session = SessionFilter.of(request)
            .orElseThrow(() -> new ApiException(401, "unauthenticated", "Unauthenticated", "Log in or send an API token."));
        return new Principal.Person(session.accountId(), session.id());
    }

    /** The bearer credential, if the request carries an {@code Authorization} header of that scheme. */
    public static Optional<String> bearer(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        throw new ApiException(401, "unauthenticated", "Unauthenticated", "Only Bearer API tokens are accepted in Authorization.");
    }

    /** The full path template of a resource method: its class's {@code @Path} joined with its own. */
    public static String template(Class<?> resourceClass, Method method) {
        Path classPath = resourceClass.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String joined = (classPath == null ? "" : "/" + classPath.value()) + (methodPath == null ? "" : "/" + methodPath.value());
        String normalized = joined.replaceAll("/+", "/");
        return normalized.length() > 1 && normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }
}
