package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import com.anastig.plugin.api.ObjectKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * COCO imports: a ZIP of images and an instances JSON, sent as the request body (streamed into the
 * organization's store) or named by its key in the organization's bucket, then read by the
 * background {@link ImportJob} with progress and per-item errors.
 */
public final class Imports {
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final Usage usage;
    private final AuditLog audit;
    private final JobQueue jobs;
    private final Ids ids;
    private final WorkspaceConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public Imports(TenantDb db, WorkspaceStorage storage, Usage usage, AuditLog audit, JobQueue jobs, Ids ids, WorkspaceConfig config,
                   ObjectMapper json, Clock clock) {
        this.db = db;
        this.storage = storage;
        this.usage = usage;
        this.audit = audit;
        this.jobs = jobs;
        this.ids = ids;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** An import on the wire. */
    public record Import(UUID id, UUID projectId, String status, Exports.Progress progress, long imagesCreated, long annotationsCreated,
                         JsonNode errors, String error, Instant createdAt, Instant finishedAt) {
    }

    /** Streams a ZIP from the request into the store and starts the import. */
    public Import fromBody(OrgScope scope, UUID project, InputStream body, long length, Actor actor) {
        long max = config.maxImportSize().toBytes();
        OrgStorage.Opened store = db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            if (length > max) {
                throw new ApiException(413, "payload_too_large", "Payload too large", "Import archives are limited to " + max + " bytes.");
            }
            usage.checkQuota(t, Math.max(length, 0));
            return storage.forWrite(t);
        });
        UUID id = ids.next();
        String key = WorkspaceStorage.importKey(project, id);
        HashingUpload counted = HashingUpload.put(store, key, body, length, max, "application/zip", "Import archives");
        if (counted.count == 0) {
            store.store().delete(store.key(key));
            throw ApiException.badRequest("body_required", "Send the COCO ZIP as the body, or {\"objectKey\": ...} as JSON.");
        }
        try {
            return start(scope, project, id, key, true, counted.count, actor);
        } catch (RuntimeException e) {
            store.store().delete(store.key(key));
            throw e;
        }
    }

    /** Starts an import of a ZIP the organization placed in its bucket ({@code objectKey} relative to its base, {@code orgs/{orgId}/}). */
    public Import fromObject(OrgScope scope, UUID project, String objectKey, Actor actor) {
        OrgStorage.Opened store = db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            return storage.forWrite(t);
        });
        if (objectKey == null || objectKey.isBlank()) {
            throw ApiException.invalid(List.of(new Problem.FieldError("objectKey", "the archive's key, relative to orgs/" + scope.org() + "/")));
        }
        try {
            ObjectKeys.requireValidKey(objectKey);
        } catch (RuntimeException e) {
            throw ApiException.invalid(List.of(new Problem.FieldError("objectKey", "not a valid object key")));
        }
        if (store.store().head(store.key(objectKey)).isEmpty()) {
            throw new ApiException(422, "object_not_found", "Object not found", "There is no object with this key in the organization's storage.");
        }
        return start(scope, project, ids.next(), objectKey, false, null, actor);
    }

    private Import start(OrgScope scope, UUID project, UUID id, String key, boolean owned, Long bytes, Actor actor) {
        return db.inOrg(scope, t -> {
            Projects.requireLiveForUpdate(t, project);
            UUID job = jobs.enqueue(t, ImportJob.KIND, id);
            t.handle().createUpdate("INSERT INTO dataset_import (id, org_id, project_id, job_id, source_key, source_owned, source_bytes, status,"
                    + " created_by, created_at) VALUES (:id, :org, :project, :job, :key, :owned, :bytes, 'queued', :by, :now)")
                .bind("id", id).bind("org", t.org().value()).bind("project", project).bind("job", job).bind("key", key).bind("owned", owned)
                .bind("bytes", bytes).bind("by", scope.principal().accountId()).bind("now", clock.instant()).execute();
            if (owned) {
                usage.record(t, bytes, 1);
            }
            audit.append(t, actor, AuditEntry.of("import.started", "dataset_import", id).with("project", project.toString())
                .with("uploaded", owned));
            return load(t, project, id).orElseThrow();
        });
    }

    /** 404 unless the project exists (so a missing project wins over a bad body). */
    public void requireProject(OrgScope scope, UUID project) {
        db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            return null;
        });
    }

    public Import get(OrgScope scope, UUID project, UUID id) {
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            return load(t, project, id).orElseThrow(ApiException::notFound);
        });
    }

    Optional<Import> load(TenantHandle t, UUID project, UUID id) {
        return t.handle().createQuery("SELECT i.id, i.project_id, i.status, i.done, i.total, i.images_created, i.annotations_created,"
                + " i.errors::text, i.error, i.created_at, i.finished_at, j.status FROM dataset_import i LEFT JOIN job j ON j.id = i.job_id"
                + " WHERE i.org_id = :org AND i.project_id = :project AND i.id = :id")
            .bind("org", t.org().value()).bind("project", project).bind("id", id)
            .map((rs, ctx) -> {
                String status = rs.getString(3);
                String error = rs.getString(9);
                if (!"done".equals(status) && "failed".equals(rs.getString(12))) {
                    status = "failed";
                    error = error == null ? "The import failed; start it again." : error;
                }
                return new Import(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), status,
                    new Exports.Progress(rs.getLong(4), (Long) rs.getObject(5)), rs.getLong(6), rs.getLong(7), tree(rs.getString(8)), error,
                    rs.getObject(10, OffsetDateTime.class).toInstant(),
                    rs.getObject(11, OffsetDateTime.class) == null ? null : rs.getObject(11, OffsetDateTime.class).toInstant());
            }).findOne();
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
