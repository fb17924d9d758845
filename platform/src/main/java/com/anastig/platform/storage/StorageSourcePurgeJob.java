package com.anastig.platform.storage;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobHandler;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.plugin.api.ListPage;
import com.anastig.plugin.api.ObjectInfo;
import java.time.Clock;

/**
 * Deletes what the platform wrote in an organization's old location after a finished migration, when
 * the owner asks. Idempotent: it lists and deletes until nothing is left.
 */
public final class StorageSourcePurgeJob implements JobHandler {
    public static final String KIND = "storage.purge_source";

    private final TenantDb db;
    private final OrgStorage storage;
    private final JobQueue queue;
    private final AuditLog audit;
    private final Clock clock;

    public StorageSourcePurgeJob(TenantDb db, OrgStorage storage, JobQueue queue, AuditLog audit, Clock clock) {
        this.db = db;
        this.storage = storage;
        this.queue = queue;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(Job job) {
        StorageMigrationJob.Migration m = StorageMigrationJob.load(db, job.org(), job.subject())
            .orElseThrow(() -> new Permanent("the migration is gone"));
        long count;
        try (OrgStorage.Opened source = storage.open(job.org(), storage.parse(m.source()))) {
            count = deleteAll(source);
        }
        db.inOrg(job.org(), null, t -> {
            queue.requireFence(t, job);
            t.handle().createUpdate("UPDATE storage_migration SET source_purged_at = :now WHERE id = :id")
                .bind("now", clock.instant()).bind("id", m.id()).execute();
            audit.append(t, Actor.system(), AuditEntry.of("storage.source_purged", "storage_migration", m.id()).with("objects", count));
            return null;
        });
    }

    /** Deletes every object of the organization in a store (also used when an organization is purged). */
    public static long deleteAll(OrgStorage.Opened store) {
        long deleted = 0;
        while (true) {
            ListPage page = store.store().list(store.base(), null, 1000);
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
