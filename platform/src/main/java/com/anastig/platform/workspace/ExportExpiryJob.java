package com.anastig.platform.workspace;

import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobHandler;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.TenantDb;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Deletes an export's ZIP when its link expires (queued to run then) and counts it out of the usage; the export row stays, marked expired. */
public final class ExportExpiryJob implements JobHandler {
    public static final String KIND = "workspace.expire-export";
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final JobQueue queue;
    private final Usage usage;
    private final Ids ids;
    private final Clock clock;

    public ExportExpiryJob(TenantDb db, WorkspaceStorage storage, JobQueue queue, Usage usage, Ids ids, Clock clock) {
        this.db = db;
        this.storage = storage;
        this.queue = queue;
        this.usage = usage;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(Job job) {
        db.inOrg(job.org(), null, t -> {
            queue.requireFence(t, job);
            record Stored(String key, long size, OffsetDateTime expires) {
            }
            Optional<Stored> stored = t.handle().createQuery("SELECT object_key, size_bytes, expires_at FROM dataset_export WHERE id = :id"
                    + " AND object_key IS NOT NULL FOR UPDATE").bind("id", job.subject())
                .map((rs, ctx) -> new Stored(rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class))).findOne();
            if (stored.isEmpty()) {
                return null;
            }
            if (stored.get().expires().toInstant().isAfter(clock.instant())) {
                throw new RetryLater("not expired yet", null);
            }
            t.handle().createUpdate("UPDATE dataset_export SET object_key = NULL WHERE id = :id").bind("id", job.subject()).execute();
            WorkspaceStorage.deleteLater(t, stored.get().key(), false, ids.next(), clock.instant());
            ObjectDeletionJob.schedule(t, queue);
            usage.record(t, -stored.get().size(), -1);
            return null;
        });
    }

}
