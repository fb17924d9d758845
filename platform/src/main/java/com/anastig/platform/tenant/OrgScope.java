package com.anastig.platform.tenant;

import com.anastig.platform.http.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Objects;

/**
 * The organization a request works in, resolved once per request from the path and the principal
 * by {@link OrgScopeFilter} (never from the body), with the caller's effective role. Tenant data
 * access needs one: {@link TenantDb} opens transactions only for a scope.
 */
public record OrgScope(OrgId org, Principal principal, Role role) {
    static final String PROPERTY = "anastig.orgScope";

    public OrgScope {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
    }

    /** The scope {@link OrgScopeFilter} resolved for this request. */
    public static OrgScope of(ContainerRequestContext request) {
        Object scope = request.getProperty(PROPERTY);
        if (scope == null) {
            throw new IllegalStateException("no organization scope: the route is not under /api/v1/orgs/{orgId}");
        }
        return (OrgScope) scope;
    }

    /** 403 {@code forbidden} unless the role allows it. */
    public void require(Permission permission) {
        if (!permission.allows(role)) {
            throw ApiException.forbidden("forbidden", "Your role in this organization does not allow this.");
        }
    }

    public boolean can(Permission permission) {
        return permission.allows(role);
    }
}
