package com.anastig.platform.member;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Principal;
import com.anastig.platform.tenant.Role;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Members and their roles. The rules, in one place: nobody grants a role above their own; only
 * owners change, make or remove owners; anyone may leave; the last owner can neither leave nor be
 * demoted nor removed (409 {@code last_owner}). The owner rows are locked while a change is decided,
 * so two concurrent demotions cannot leave an organization without an owner.
 */
public final class MemberService {
    private final TenantDb db;
    private final AuditLog audit;

    public MemberService(TenantDb db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** A member as listed. */
    public record Member(UUID accountId, String email, String name, Role role, Instant joinedAt) {
    }

    /** A page of active members in account-id order, after {@code after}. */
    public List<Member> list(OrgScope scope, UUID after, int limit) {
        return db.inOrg(scope, t -> t.handle().createQuery("SELECT m.account_id, a.email, a.name, m.role, m.joined_at FROM membership m"
                + " JOIN account a ON a.id = m.account_id WHERE m.org_id = :org AND m.suspended_at IS NULL"
                + " AND (CAST(:after AS uuid) IS NULL OR m.account_id > CAST(:after AS uuid)) ORDER BY m.account_id LIMIT :limit")
            .bind("org", t.org().value()).bind("after", after == null ? null : after.toString()).bind("limit", limit)
            .map((rs, ctx) -> new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                Role.parse(rs.getString(4)).orElseThrow(), rs.getObject(5, OffsetDateTime.class).toInstant()))
            .list());
    }

    public Member changeRole(OrgScope scope, UUID target, Role newRole, Actor actor) {
        scope.require(Permission.MEMBERS_MANAGE);
        return db.inOrg(scope, t -> {
            Map<UUID, Role> locked = lockOwnersAnd(t, target);
            Role current = locked.get(target);
            if (current == null) {
                throw ApiException.notFound();
            }
            if (newRole == null) {
                throw ApiException.invalid(List.of(new com.anastig.platform.http.Problem.FieldError("role",
                    "must be owner, admin, editor or viewer")));
            }
            if (!scope.role().atLeast(newRole) || (current == Role.OWNER && scope.role() != Role.OWNER)) {
                throw ApiException.forbidden("forbidden", "You cannot grant a role above your own or change an owner's role.");
            }
            if (current == Role.OWNER && newRole != Role.OWNER && owners(locked) == 1) {
                throw lastOwner();
            }
            if (current != newRole) {
                t.handle().createUpdate("UPDATE membership SET role = :role WHERE org_id = :org AND account_id = :account")
                    .bind("role", newRole.wire()).bind("org", t.org().value()).bind("account", target).execute();
                audit.append(t, actor, AuditEntry.of("member.role_changed", "account", target)
                    .with("from", current.wire()).with("to", newRole.wire()));
            }
            return read(t, target);
        });
    }

    /** Removes a member; a person removing themself is leaving (any role may). */
    public void remove(OrgScope scope, UUID target, Actor actor) {
        boolean leaving = scope.principal() instanceof Principal.Person p && p.accountId().equals(target);
        if (!leaving) {
            scope.require(Permission.MEMBERS_MANAGE);
        }
        db.inOrg(scope, t -> {
            Map<UUID, Role> locked = lockOwnersAnd(t, target);
            Role current = locked.get(target);
            if (current == null) {
                throw ApiException.notFound();
            }
            if (!leaving && current == Role.OWNER && scope.role() != Role.OWNER) {
                throw ApiException.forbidden("forbidden", "Only owners remove owners.");
            }
            if (current == Role.OWNER && owners(locked) == 1) {
                throw lastOwner();
            }
            t.handle().createUpdate("DELETE FROM membership WHERE org_id = :org AND account_id = :account")
                .bind("org", t.org().value()).bind("account", target).execute();
            audit.append(t, actor, AuditEntry.of(leaving ? "member.left" : "member.removed", "account", target).with("role", current.wire()));
            return null;
        });
    }

    private static Map<UUID, Role> lockOwnersAnd(TenantHandle t, UUID target) {
        return t.handle().createQuery("SELECT account_id, role FROM membership WHERE org_id = :org AND suspended_at IS NULL"
                + " AND (role = 'owner' OR account_id = :target) ORDER BY account_id FOR UPDATE")
            .bind("org", t.org().value()).bind("target", target)
            .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), Role.parse(rs.getString(2)).orElseThrow()))
            .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static long owners(Map<UUID, Role> locked) {
        return locked.values().stream().filter(r -> r == Role.OWNER).count();
    }

    private static ApiException lastOwner() {
        return ApiException.conflict("last_owner", "An organization keeps at least one owner: make someone else owner first.");
    }

    private static Member read(TenantHandle t, UUID account) {
        return t.handle().createQuery("SELECT m.account_id, a.email, a.name, m.role, m.joined_at FROM membership m"
                + " JOIN account a ON a.id = m.account_id WHERE m.org_id = :org AND m.account_id = :account")
            .bind("org", t.org().value()).bind("account", account)
            .map((rs, ctx) -> new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                Role.parse(rs.getString(4)).orElseThrow(), rs.getObject(5, OffsetDateTime.class).toInstant()))
            .one();
    }
}
