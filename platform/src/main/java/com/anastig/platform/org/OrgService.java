package com.anastig.platform.org;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Role;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Organizations: create (the creator becomes owner), list the caller's, read, rename, delete. Delete
 * marks the organization deleted at once (it disappears from every list and answers 404) and queues
 * the {@link OrgPurgeJob} that removes its objects and rows. Every change is audited in the same
 * transaction.
 */
public final class OrgService {
    private final TenantDb db;
    private final AuditLog audit;
    private final JobQueue jobs;
    private final Clock clock;

    public OrgService(TenantDb db, AuditLog audit, JobQueue jobs, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** An organization as its members see it. */
    public record Org(OrgId id, String name, Role role, Instant createdAt) {
    }

    public Org create(UUID accountId, String rawName, Actor actor) {
        String name = validName(rawName);
        OrgId id = OrgId.random();
        return db.inOrg(id, accountId, t -> insert(t, accountId, name, actor));
    }

    /**
     * Creates an organization inside a larger transaction (the first one, named at sign-up, when the
     * address is verified). The transaction stays in the new organization's scope.
     */
    public Org createIn(Handle h, UUID accountId, String rawName, Actor actor) {
        String name = validName(rawName);
        return insert(db.enter(h, OrgId.random(), accountId), accountId, name, actor);
    }

    private Org insert(TenantHandle t, UUID accountId, String name, Actor actor) {
        Instant now = clock.instant();
        t.handle().createUpdate("INSERT INTO organization (id, name, created_at, created_by) VALUES (:id, :name, :now, :account)")
            .bind("id", t.org().value()).bind("name", name).bind("now", now).bind("account", accountId).execute();
        t.handle().createUpdate("INSERT INTO membership (org_id, account_id, role, joined_at) VALUES (:org, :account, 'owner', :now)")
            .bind("org", t.org().value()).bind("account", accountId).bind("now", now).execute();
        audit.append(t, actor, AuditEntry.of("org.created", "organization", t.org()));
        return new Org(t.org(), name, Role.OWNER, now);
    }

    /** The organizations the account is an active member of, by id (all of them: the session view lists them). */
    public List<Org> mine(UUID accountId) {
        return mine(accountId, null, Integer.MAX_VALUE);
    }

    /** A page of the account's organizations in id order, after {@code afterId} (null: from the start). */
    public List<Org> mine(UUID accountId, UUID afterId, int limit) {
        return db.asAccount(accountId, h -> h.createQuery("SELECT o.id, o.name, m.role, o.created_at FROM organization o"
                + " JOIN membership m ON m.org_id = o.id AND m.account_id = :account AND m.suspended_at IS NULL"
                + " WHERE o.deleted_at IS NULL AND (CAST(:after AS uuid) IS NULL OR o.id > CAST(:after AS uuid)) ORDER BY o.id LIMIT :limit")
            .bind("account", accountId).bind("after", afterId == null ? null : afterId.toString()).bind("limit", limit)
            .map((rs, ctx) -> new Org(new OrgId(rs.getObject(1, UUID.class)), rs.getString(2), Role.parse(rs.getString(3)).orElseThrow(),
                rs.getObject(4, java.time.OffsetDateTime.class).toInstant()))
            .list());
    }

    public Org get(OrgScope scope) {
        return db.inOrg(scope, t -> read(t, scope.role()));
    }

    public Org rename(OrgScope scope, String rawName, Actor actor) {
        String name = validName(rawName);
        return db.inOrg(scope, t -> {
            Org before = read(t, scope.role());
            if (!before.name().equals(name)) {
                t.handle().createUpdate("UPDATE organization SET name = :name WHERE id = :id")
                    .bind("name", name).bind("id", t.org().value()).execute();
                audit.append(t, actor, AuditEntry.of("org.renamed", "organization", t.org()));
            }
            return new Org(before.id(), name, before.role(), before.createdAt());
        });
    }

    /** Marks the organization deleted and queues the purge of its data and objects. */
    public Instant delete(OrgScope scope, Actor actor) {
        Instant now = clock.instant();
        db.inOrg(scope, t -> {
            int marked = t.handle().createUpdate("UPDATE organization SET deleted_at = :now WHERE id = :id AND deleted_at IS NULL")
                .bind("now", now).bind("id", t.org().value()).execute();
            if (marked == 0) {
                throw ApiException.notFound();
            }
            UUID job = jobs.enqueue(t, OrgPurgeJob.KIND, t.org().value());
            audit.append(t, actor, AuditEntry.of("org.deleted", "organization", t.org()).with("purgeJob", job.toString()));
            return null;
        });
        return now;
    }

    private Org read(TenantHandle t, Role role) {
        return t.handle().createQuery("SELECT name, created_at FROM organization WHERE id = :id AND deleted_at IS NULL")
            .bind("id", t.org().value())
            .map((rs, ctx) -> new Org(t.org(), rs.getString(1), role, rs.getObject(2, java.time.OffsetDateTime.class).toInstant()))
            .findOne().orElseThrow(ApiException::notFound);
    }

    /** 1 to 200 characters after trimming, no control characters. */
    static String validName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 200 || name.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(List.of(new Problem.FieldError("name", "must be 1 to 200 characters without control characters")));
        }
        return name;
    }
}
