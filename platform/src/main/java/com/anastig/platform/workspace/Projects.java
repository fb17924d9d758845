package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.Problem;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Projects: create, list, read, rename, edit label classes ({@link LabelClasses}), delete. Delete hides
 * the project at once (every list and path answers as if it never existed) and queues the
 * {@link ProjectPurgeJob} that removes its objects and rows. Every change is audited in its transaction.
 */
public final class Projects {
    public static final List<String> TYPES = List.of("detection", "segmentation", "classification");
    private final TenantDb db;
    private final AuditLog audit;
    private final JobQueue jobs;
    private final Ids ids;
    private final Clock clock;

    public Projects(TenantDb db, AuditLog audit, JobQueue jobs, Ids ids, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
    }

    /** A project with its label classes, as its members see it. */
    public record Project(UUID id, String name, String type, List<LabelClasses.LabelClass> labelClasses, long imageCount,
                          Instant createdAt, Instant updatedAt) {
    }

    public Project create(OrgScope scope, String rawName, String type, List<LabelClasses.Wanted> classes, Actor actor) {
        String name = validName(rawName);
        String validType = validType(type);
        List<LabelClasses.Wanted> wanted = classes == null ? List.of() : classes;
        return db.inOrg(scope, t -> {
            UUID id = ids.next();
            Instant now = clock.instant();
            try {
                t.handle().createUpdate("INSERT INTO project (id, org_id, name, type, created_by, created_at, updated_at)"
                        + " VALUES (:id, :org, :name, :type, :by, :now, :now)")
                    .bind("id", id).bind("org", t.org().value()).bind("name", name).bind("type", validType)
                    .bind("by", scope.principal().accountId()).bind("now", now).execute();
            } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
                throw nameTaken(e);
            }
            LabelClasses.Change change = LabelClasses.apply(t, id, List.of(), wanted, false, ids);
            audit.append(t, actor, AuditEntry.of("project.created", "project", id).with("type", validType)
                .with("labelClasses", change.added()));
            return load(t, id);
        });
    }

    public Paging.Page<Project> list(OrgScope scope, Paging paging) {
        UUID after = paging.idPosition().orElse(null);
        return db.inOrg(scope, t -> {
            List<UUID> found = t.handle().createQuery("SELECT id FROM project WHERE org_id = :org AND deleted_at IS NULL"
                    + " AND (CAST(:after AS uuid) IS NULL OR id > CAST(:after AS uuid)) ORDER BY id LIMIT :limit")
                .bind("org", t.org().value()).bind("after", after == null ? null : after.toString()).bind("limit", paging.limit() + 1)
                .mapTo(UUID.class).list();
            List<Project> projects = new ArrayList<>();
            for (UUID id : found) {
                projects.add(load(t, id));
            }
            return paging.page(projects, p -> p.id().toString(), p -> p);
        });
    }

    public Project get(OrgScope scope, UUID id) {
        return db.inOrg(scope, t -> {
            requireLive(t, id);
            return load(t, id);
        });
    }

    /** Renames and/or replaces the label classes (see {@link LabelClasses#apply}). */
    public Project update(OrgScope scope, UUID id, String rawName, List<LabelClasses.Wanted> classes, boolean cascade, Actor actor) {
        String name = rawName == null ? null : validName(rawName);
        return db.inOrg(scope, t -> {
            requireLiveForUpdate(t, id);
            AuditEntry entry = AuditEntry.of("project.updated", "project", id);
            if (name != null) {
                try {
                    t.handle().createUpdate("UPDATE project SET name = :name, updated_at = :now WHERE id = :id")
                        .bind("name", name).bind("now", clock.instant()).bind("id", id).execute();
                } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
                    throw nameTaken(e);
                }
                entry = entry.with("renamed", true);
            }
            if (classes != null) {
                LabelClasses.Change change = LabelClasses.apply(t, id, LabelClasses.of(t, id), classes, cascade, ids);
                entry = entry.with("classesAdded", change.added()).with("classesChanged", change.changed())
                    .with("classesDeleted", change.deleted()).with("shapesRemoved", change.shapesRemoved());
                t.handle().createUpdate("UPDATE project SET updated_at = :now WHERE id = :id").bind("now", clock.instant()).bind("id", id)
                    .execute();
            }
            audit.append(t, actor, entry);
            return load(t, id);
        });
    }

    /** Hides the project now and queues the removal of its objects and rows. */
    public void delete(OrgScope scope, UUID id, Actor actor) {
        db.inOrg(scope, t -> {
            requireLiveForUpdate(t, id);
            t.handle().createUpdate("UPDATE project SET deleted_at = :now WHERE id = :id").bind("now", clock.instant()).bind("id", id).execute();
            jobs.enqueue(t, ProjectPurgeJob.KIND, id);
            audit.append(t, actor, AuditEntry.of("project.deleted", "project", id));
            return null;
        });
    }

    /** 404 unless the project exists in this organization and is not deleted. */
    public static void requireLive(TenantHandle t, UUID id) {
        boolean live = t.handle().createQuery("SELECT EXISTS (SELECT 1 FROM project WHERE org_id = :org AND id = :id AND deleted_at IS NULL)")
            .bind("org", t.org().value()).bind("id", id).mapTo(Boolean.class).one();
        if (!live) {
            throw ApiException.notFound();
        }
    }

    /** Like {@link #requireLive}, locking the project's row against a concurrent delete until the transaction ends. */
    public static void requireLiveForUpdate(TenantHandle t, UUID id) {
        boolean live = t.handle().createQuery("SELECT id FROM project WHERE org_id = :org AND id = :id AND deleted_at IS NULL FOR UPDATE")
            .bind("org", t.org().value()).bind("id", id).mapTo(UUID.class).findOne().isPresent();
        if (!live) {
            throw ApiException.notFound();
        }
    }

    private static Project load(TenantHandle t, UUID id) {
        return t.handle().createQuery("SELECT p.id, p.name, p.type, p.created_at, p.updated_at,"
                + " (SELECT count(*) FROM image i WHERE i.org_id = p.org_id AND i.project_id = p.id) FROM project p WHERE p.id = :id")
            .bind("id", id)
            .map((rs, ctx) -> new Project(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), LabelClasses.of(t, id), rs.getLong(6),
                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant()))
            .one();
    }

    static String validName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(List.of(new Problem.FieldError("name", "1 to 200 characters, no control characters")));
        }
        return name;
    }

    private static String validType(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(t)) {
            throw ApiException.invalid(List.of(new Problem.FieldError("type", "one of " + String.join(", ", TYPES))));
        }
        return t;
    }


    private static RuntimeException nameTaken(org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
        if (e.getCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
            return ApiException.conflict("name_taken", "A project with this name exists in this organization.");
        }
        return e;
    }
}
