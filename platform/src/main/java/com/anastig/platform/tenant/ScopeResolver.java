package com.anastig.platform.tenant;

import com.anastig.platform.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves who may do what in an organization: a person's membership role, or an API token's
 * effective role (its own role, capped by its creator's current one; a token whose creator left, was
 * suspended or removed no longer works). Each look-up runs inside the organization's row-level scope.
 */
public final class ScopeResolver {
    /** How stale a token's last-used time may be before a request refreshes it (one write a minute, not one a request). */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final TenantDb db;
    private final org.jdbi.v3.core.Jdbi jdbi;
    private final Clock clock;

    /**
     * @param jdbi the application role's pool, used in autocommit: each look-up is one statement
     *             (a SQL function that sets the scope inside the statement's own transaction)
     */
    public ScopeResolver(TenantDb db, org.jdbi.v3.core.Jdbi jdbi, Clock clock) {
        this.db = db;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The account's role in a live organization, if it is an active member. */
    public Optional<Role> memberRole(OrgId org, UUID accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT anastig_member_role(:org, :account)")
            .bind("org", org.value()).bind("account", accountId)
            .mapTo(String.class).findOne().flatMap(Role::parse));
    }

    /**
     * The token's principal, or 401 {@code invalid_token} (unknown, revoked, suspended, creator gone)
     * or {@code token_expired}.
     */
    public Principal.Token token(OrgBoundToken.Parsed parsed) {
        Instant now = clock.instant();
        Optional<TokenRow> found = jdbi.withHandle(h -> h.createQuery("SELECT * FROM anastig_api_token(:org, :hash)")
                .bind("org", parsed.org().value()).bind("hash", parsed.hash())
                .map((rs, ctx) -> new TokenRow(rs.getObject("id", UUID.class), rs.getString("role"), rs.getObject("created_by", UUID.class),
                    instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "suspended_at"), instant(rs, "last_used_at"),
                    rs.getString("creator_role")))
                .findOne());
        if (found.isEmpty() || found.get().revokedAt() != null || found.get().suspendedAt() != null || found.get().creatorRole() == null) {
            throw invalidToken();
        }
        TokenRow r = found.get();
        if (r.expiresAt() != null && !r.expiresAt().isAfter(now)) {
            throw new ApiException(401, "token_expired", "Unauthenticated", "This API token has expired.");
        }
        if (r.lastUsedAt() == null || r.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            db.inOrg(parsed.org(), null, t -> t.handle().createUpdate("UPDATE api_token SET last_used_at = :now WHERE id = :id")
                .bind("now", now).bind("id", r.id()).execute());
        }
        Role own = Role.parse(r.role()).orElseThrow();
        Role creator = Role.parse(r.creatorRole()).orElseThrow();
        return new Principal.Token(r.id(), parsed.org(), own.atLeast(creator) ? creator : own, r.createdBy());
    }

    static ApiException invalidToken() {
        return new ApiException(401, "invalid_token", "Unauthenticated", "This API token is not valid.");
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private record TokenRow(UUID id, String role, UUID createdBy, Instant expiresAt, Instant revokedAt, Instant suspendedAt,
                            Instant lastUsedAt, String creatorRole) {
    }
}
