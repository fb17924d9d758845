package com.anastig.platform.workspace;

import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobHandler;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import com.anastig.plugin.api.ListPage;
import com.anastig.plugin.api.ObjectInfo;
import java.util.List;
import java.util.UUID;

/**
 * Deletes the objects queued in {@code object_deletion} for one organization (an image, its
 * thumbnail, a model's artifact, a whole project's prefix), then their queue rows. Deleting a
 * missing object is no error, so a re-run after a crash does no harm.
 */
public final class ObjectDeletionJob implements JobHandler {
    public static final String KIND = "workspace.delete-objects";
    private static final int BATCH = 100;
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final JobQueue queue;

    public ObjectDeletionJob(TenantDb db, WorkspaceStorage storage, JobQueue queue) {
        this.db = db;
        this.storage = storage;
        this.queue = queue;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Queues the job for the organization unless one is waiting already. */
    public static void schedule(TenantHandle t, JobQueue jobs) {
        boolean waiting = t.handle().createQuery("SELECT EXISTS (SELECT 1 FROM job WHERE org_id = :org AND kind = :kind AND status = 'queued')")
            .bind("org", t.org().value()).bind("kind", KIND).mapTo(Boolean.class).one();
        if (!waiting) {
            jobs.enqueue(t, KIND, t.org().value());
        }
    }

    private record Pending(UUID id, String key, boolean prefix) {
    }

    @Override
    public void run(Job job) {
        while (true) {
            List<Pending> batch = db.inOrg(job.org(), null, t -> t.handle().createQuery("SELECT id, object_key, prefix FROM object_deletion"
                    + " WHERE org_id = :org ORDER BY created_at, id LIMIT :n").bind("org", t.org().value()).bind("n", BATCH)
                .map((rs, ctx) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3))).list());
            if (batch.isEmpty()) {
                return;
            }
            OrgStorage.Opened store = db.inOrg(job.org(), null, storage::forRead);
            for (Pending p : batch) {
                if (p.prefix()) {
                    deletePrefix(store, store.key(p.key()));
                } else {
                    store.store().delete(store.key(p.key()));
                }
            }
            db.inOrg(job.org(), null, t -> {
                queue.requireFence(t, job);
                return t.handle().createUpdate("DELETE FROM object_deletion WHERE id = ANY(:ids)")
                    .bind("ids", batch.stream().map(Pending::id).toArray(UUID[]::new)).execute();
            });
            queue.renew(job);
        }
    }

    static long deletePrefix(OrgStorage.Opened store, String absolutePrefix) {
        long deleted = 0;
        while (true) {
            ListPage page = store.store().list(absolutePrefix, null, 1000);
            if (page.items().isEmpty()) {
                return deleted;
            }
            for (ObjectInfo item : page.items()) {
                store.store().delete(item.key());
                deleted++;
            }
        }
    }
}
