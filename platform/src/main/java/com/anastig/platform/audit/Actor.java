package com.anastig.platform.audit;

import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Principal;
import com.anastig.platform.techdata.TechnicalData;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Objects;
import java.util.UUID;

/**
 * Who did something, by opaque id only, with the request's coarse country and user-agent summary
 * (never the address itself).
 */
public record Actor(Type type, UUID id, String country, String userAgentSummary) {

    /** What kind of actor. */
    public enum Type {
        ACCOUNT, TOKEN, OPERATOR, SYSTEM;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Actor {
        Objects.requireNonNull(type, "type");
        if (type != Type.SYSTEM) {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The platform itself (a job, a purge). */
    public static Actor system() {
        return new Actor(Type.SYSTEM, null, null, null);
    }

    /** The caller of an organization request: the person, or the API token (by the token's id). */
    public static Actor of(OrgScope scope, ContainerRequestContext request) {
        TechnicalData t = TechnicalData.from(request);
        if (scope.principal() instanceof Principal.Token k) {
            return new Actor(Type.TOKEN, k.tokenId(), t.countryCode(), t.userAgentSummary());
        }
        return new Actor(Type.ACCOUNT, scope.principal().accountId(), t.countryCode(), t.userAgentSummary());
    }

    /** A person acting outside an organization (creating one, accepting an invitation). */
    public static Actor account(UUID accountId, ContainerRequestContext request) {
        TechnicalData t = TechnicalData.from(request);
        return new Actor(Type.ACCOUNT, accountId, t.countryCode(), t.userAgentSummary());
    }

    /** An operator acting through the admin API. */
    public static Actor operator(UUID accountId, ContainerRequestContext request) {
        TechnicalData t = TechnicalData.from(request);
        return new Actor(Type.OPERATOR, accountId, t.countryCode(), t.userAgentSummary());
    }
}
