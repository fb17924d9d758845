package com.anastig.platform.job;

import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The database-backed job queue, inside organizations' scopes. Enqueueing happens in the
 * organization's transaction (a job exists exactly when the change that asks for it does). Claiming,
 * the one cross-tenant step, is {@link JobClaims}'s alone, so request handlers that enqueue never hold
 * the cross-tenant role. Each claim bumps the job's fencing counter; completion, failure, lease
 * renewal and the handlers' own progress writes are conditional on it.
 */
public final class JobQueue {
    private final TenantDb db;
    private final JobConfig config;
    private final Clock clock;

    public JobQueue(TenantDb db, JobConfig config, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    /** Queues a job in the transaction's organization; returns its id. */
    public UUID enqueue(TenantHandle t, String kind, UUID subject) {
        return enqueue(t, kind, subject, null);
    }

    /** Queues a job that no node starts before {@code runAfter} (null: at once); returns its id. */
    public UUID enqueue(TenantHandle t, String kind, UUID subject, Instant runAfter) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        t.handle().createUpdate("INSERT INTO job (id, org_id, kind, subject_id, status, run_after, created_at, updated_at)"
                + " VALUES (:id, :org, :kind, CAST(:subject AS uuid), 'queued', :after, :now, :now)")
            .bind("id", id).bind("org", t.org().value()).bind("kind", kind).bindByType("subject", subject, UUID.class).bind("now", now)
            .bind("after", runAfter == null || runAfter.isBefore(now) ? now : runAfter).execute();
        return id;
    }

    /** Refuses ({@link FencedOut}) unless this claim still holds the job; locks the job row until the transaction ends. */
    public void requireFence(TenantHandle t, Job job) {
        boolean held = t.handle().createQuery("SELECT 1 FROM job WHERE id = :id AND fence = :fence AND status = 'running' FOR UPDATE")
            .bind("id", job.id()).bind("fence", job.fence()).mapTo(Integer.class).findOne().isPresent();
        if (!held) {
            throw new FencedOut(job);
        }
    }

    /** Extends the lease; false when the claim is gone. */
    public boolean renew(Job job) {
        Instant now = clock.instant();
        return db.inOrg(job.org(), null, t -> t.handle().createUpdate("UPDATE job SET lease_until = :until, updated_at = :now"
                + " WHERE id = :id AND fence = :fence AND status = 'running'")
            .bind("until", now.plus(config.lease().toJavaDuration())).bind("now", now)
            .bind("id", job.id()).bind("fence", job.fence()).execute() == 1);
    }

    /** Marks the job done; false when the claim was lost before (another node owns the job now). */
    public boolean complete(Job job) {
        Instant now = clock.instant();
        return db.inOrg(job.org(), null, t -> t.handle().createUpdate("UPDATE job SET status = 'done', finished_at = :now,"
                + " updated_at = :now, lease_owner = NULL, lease_until = NULL, error = NULL WHERE id = :id AND fence = :fence AND status = 'running'")
            .bind("now", now).bind("id", job.id()).bind("fence", job.fence()).execute() == 1);
    }

    /** Schedules a retry with backoff, or fails the job when attempts ran out or {@code permanent}. */
    public void failed(Job job, String error, boolean permanent) {
        Instant now = clock.instant();
        boolean giveUp = permanent || job.attempts() >= config.maxAttempts();
        db.inOrg(job.org(), null, t -> t.handle().createUpdate("UPDATE job SET status = :status, run_after = :after, error = :error,"
                + " updated_at = :now, finished_at = :finished, lease_owner = NULL, lease_until = NULL"
                + " WHERE id = :id AND fence = :fence AND status = 'running'")
            .bind("status", giveUp ? "failed" : "queued").bind("after", now.plus(config.backoff(job.attempts())))
            .bind("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
            .bind("now", now).bind("finished", giveUp ? now : null)
            .bind("id", job.id()).bind("fence", job.fence()).execute());
    }

    /** A job's status in its organization, for progress answers. */
    public Optional<String> status(TenantHandle t, UUID jobId) {
        return t.handle().createQuery("SELECT status FROM job WHERE id = :id").bind("id", jobId).mapTo(String.class).findOne();
    }
}
