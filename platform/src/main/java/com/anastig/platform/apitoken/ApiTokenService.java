package com.anastig.platform.apitoken;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.tenant.OrgBoundToken;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Role;
import com.anastig.platform.tenant.TenantDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An organization's API tokens: a name, a role at most the creator's, an optional expiry (at most a
 * year ahead). The secret is shown once at creation and kept only as its SHA-256; a token works only
 * while its creator is still a member, and never with more than the creator's current role.
 */
public final class ApiTokenService {
    static final Duration MAX_LIFETIME = Duration.ofDays(366);

    private final TenantDb db;
    private final AuditLog audit;
    private final OrgBoundToken format;
    private final Clock clock;

    public ApiTokenService(TenantDb db, AuditLog audit, OrgBoundToken format, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.format = format;
        this.clock = clock;
    }

    /** A token as listed (never its secret). */
    public record Token(UUID id, String name, Role role, UUID createdBy, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                        boolean revoked, boolean active) {
    }

    /** A new token and its secret, shown once. */
    public record Created(Token token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token.id() + ", secret=********]";
        }
    }

    public Created create(OrgScope scope, String rawName, Role role, Instant expiresAt, Actor actor) {
        Instant now = clock.instant();
        List<Problem.FieldError> errors = new ArrayList<>();
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty() || name.length() > 100 || name.codePoints().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldError("name", "must be 1 to 100 characters without control characters"));
        }
        if (role == null) {
            errors.add(new Problem.FieldError("role", "must be owner, admin, editor or viewer"));
        }
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME)))) {
            errors.add(new Problem.FieldError("expiresAt", "must be in the future and at most a year ahead"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!scope.role().atLeast(role)) {
            throw ApiException.forbidden("forbidden", "A token cannot have a role above your own.");
        }
        OrgBoundToken.Issued issued = format.issue(scope.org());
        UUID id = UUID.randomUUID();
        UUID creator = scope.principal().accountId();
        db.inOrg(scope, t -> {
            t.handle().createUpdate("INSERT INTO api_token (id, org_id, name, role, token_hash, created_by, created_at, expires_at)"
                    + " VALUES (:id, :org, :name, :role, :hash, :by, :now, :expires)")
                .bind("id", id).bind("org", t.org().value()).bind("name", name).bind("role", role.wire()).bind("hash", issued.hash())
                .bind("by", creator).bind("now", now).bind("expires", expiresAt).execute();
            audit.append(t, actor, AuditEntry.of("token.created", "api_token", id).with("role", role.wire()));
            return null;
        });
        return new Created(new Token(id, name, role, creator, now, expiresAt, null, false, true), issued.token());
    }

    /** Every token of the organization, newest first, with whether it works now. */
    public List<Token> list(OrgScope scope) {
        Instant now = clock.instant();
        return db.inOrg(scope, t -> t.handle().createQuery("SELECT t.id, t.name, t.role, t.created_by, t.created_at, t.expires_at,"
                + " t.last_used_at, t.revoked_at IS NOT NULL AS revoked,"
                + " (t.revoked_at IS NULL AND t.suspended_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now)"
                + "  AND m.account_id IS NOT NULL) AS active"
                + " FROM api_token t LEFT JOIN membership m ON m.org_id = t.org_id AND m.account_id = t.created_by AND m.suspended_at IS NULL"
                + " WHERE t.org_id = :org ORDER BY t.created_at DESC LIMIT 500")
            .bind("org", t.org().value()).bind("now", now)
            .map((rs, ctx) -> new Token(rs.getObject(1, UUID.class), rs.getString(2), Role.parse(rs.getString(3)).orElseThrow(),
                rs.getObject(4, UUID.class), rs.getObject(5, OffsetDateTime.class).toInstant(), instant(rs.getObject(6, OffsetDateTime.class)),
                instant(rs.getObject(7, OffsetDateTime.class)), rs.getBoolean(8), rs.getBoolean(9)))
            .list());
    }

    public void revoke(OrgScope scope, UUID id, Actor actor) {
        db.inOrg(scope, t -> {
            int n = t.handle().createUpdate("UPDATE api_token SET revoked_at = :now WHERE org_id = :org AND id = :id AND revoked_at IS NULL")
                .bind("now", clock.instant()).bind("org", t.org().value()).bind("id", id).execute();
            if (n == 0) {
                throw ApiException.notFound();
            }
            audit.append(t, actor, AuditEntry.of("token.revoked", "api_token", id));
            return null;
        });
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
