package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobHandler;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.TenantDb;

/**
 * Removes a deleted project: every object under its prefix in the organization's store, then its rows
 * (label classes, images, uploads, models, exports and imports go with it), counting the freed bytes
 * out of the organization's usage in the same transaction. Objects first, so a crash in between
 * leaves rows that a re-run removes, never objects without rows.
 */
public final class ProjectPurgeJob implements JobHandler {
    public static final String KIND = "workspace.purge-project";
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final JobQueue queue;
    private final Usage usage;
    private final AuditLog audit;

    public ProjectPurgeJob(TenantDb db, WorkspaceStorage storage, JobQueue queue, Usage usage, AuditLog audit) {
        this.db = db;
        this.storage = storage;
        this.queue = queue;
        this.usage = usage;
        this.audit = audit;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(Job job) {
        boolean deleted = db.inOrg(job.org(), null, t -> t.handle().createQuery("SELECT deleted_at IS NOT NULL FROM project WHERE id = :id")
            .bind("id", job.subject()).mapTo(Boolean.class).findOne().orElse(false));
        if (!deleted) {
            return; // gone already (a re-run), or never deleted
        }
        OrgStorage.Opened store = db.inOrg(job.org(), null, storage::forRead);
        long objects = ObjectDeletionJob.deletePrefix(store, store.key(WorkspaceStorage.projectPrefix(job.subject())));
        db.inOrg(job.org(), null, t -> {
            queue.requireFence(t, job);
            // lock the rows first: a job still writing (a thumbnail, an artifact, an export) waits, then finds them gone,
            // so what is counted out here is exactly what was counted in
            for (String table : new String[] {"image", "model", "dataset_export"}) {
                t.handle().createQuery("SELECT id FROM " + table + " WHERE org_id = :org AND project_id = :p FOR UPDATE")
                    .bind("org", t.org().value()).bind("p", job.subject()).mapTo(java.util.UUID.class).list();
            }
            Usage.Counts freed = t.handle().createQuery("SELECT"
                    + " (SELECT coalesce(sum(size_bytes + coalesce(thumbnail_bytes, 0)), 0) FROM image WHERE project_id = :p)"
                    + " + (SELECT coalesce(sum(artifact_bytes), 0) FROM model WHERE project_id = :p)"
                    + " + (SELECT coalesce(sum(size_bytes), 0) FROM dataset_export WHERE project_id = :p AND object_key IS NOT NULL),"
                    + " (SELECT count(*) + count(thumbnail_key) FROM image WHERE project_id = :p)"
                    + " + (SELECT count(artifact_key) FROM model WHERE project_id = :p)"
                    + " + (SELECT count(object_key) FROM dataset_export WHERE project_id = :p)")
                .bind("p", job.subject()).map((rs, ctx) -> new Usage.Counts(rs.getLong(1), rs.getLong(2))).one();
            t.handle().createUpdate("DELETE FROM project WHERE id = :id AND deleted_at IS NOT NULL").bind("id", job.subject()).execute();
            usage.record(t, -freed.storageBytes(), -freed.objects());
            audit.append(t, Actor.system(), AuditEntry.of("project.purged", "project", job.subject()).with("objects", objects)
                .with("bytes", freed.storageBytes()));
            return null;
        });
        // a job that was writing into the project (a thumbnail, an export) may have added an object after the first pass;
        // with the rows gone, any later writer finds nothing to attach its object to and removes it itself
        ObjectDeletionJob.deletePrefix(store, store.key(WorkspaceStorage.projectPrefix(job.subject())));
    }
}
