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
    private final Clock clock;

    public ScopeResolver(TenantDb db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The account's role in a live organization, if it is an active member. */
    public Optional<Role> memberRole(OrgId org, UUID accountId) {
        return db.inOrg(org, accountId, t -> t.handle().createQuery("SELECT m.role FROM membership m"
                + " JOIN organization o ON o.id = m.org_id AND o.deleted_at IS NULL"
                + " WHERE m.org_id = :org AND m.account_id = :account AND m.suspended_at IS NULL")
            .bind("org", org.value()).bind("account", accountId)
            .mapTo(String.class).findOne().flatMap(Role::parse));
    }

    /**
     * The token's principal, or 401 {@code invalid_token} (unknown, revoked, suspended, creator gone)
     * or {@code token_expired}.
     */
    public Principal.Token token(OrgBoundToken.Parsed parsed) {
        Instant now = clock.instant();
        return db.inOrg(parsed.org(), null, t -> {
            Optional<TokenRow> row = t.handle().createQuery("SELECT t.id, t.role, t.created_by, t.expires_at, t.revoked_at,"
                    + " t.suspended_at, t.last_used_at, m.role AS creator_role FROM api_token t"
                    + " JOIN organization o ON o.id = t.org_id AND o.deleted_at IS NULL"
                    + " LEFT JOIN membership m ON m.org_id = t.org_id AND m.account_id = t.created_by AND m.suspended_at IS NULL"
                    + " WHERE t.token_hash = :hash")
                .bind("hash", parsed.hash())
                .map((rs, ctx) -> new TokenRow(rs.getObject("id", UUID.class), rs.getString("role"), rs.getObject("created_by", UUID.class),
                    instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "suspended_at"), instant(rs, "last_used_at"),
                    rs.getString("creator_role")))
                .findOne();
            if (row.isEmpty() || row.get().revokedAt() != null || row.get().suspendedAt() != null || row.get().creatorRole() == null) {
                throw invalidToken();
            }
            TokenRow r = row.get();
            if (r.expiresAt() != null && !r.expiresAt().isAfter(now)) {
                throw new ApiException(401, "token_expired", "Unauthenticated", "This API token has expired.");
            }
            if (r.lastUsedAt() == null || r.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
                t.handle().createUpdate("UPDATE api_token SET last_used_at = :now WHERE id = :id").bind("now", now).bind("id", r.id()).execute();
            }
            Role own = Role.parse(r.role()).orElseThrow();
            Role creator = Role.parse(r.creatorRole()).orElseThrow();
            return new Principal.Token(r.id(), parsed.org(), own.atLeast(creator) ? creator : own, r.createdBy());
        });
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
