package com.anastig.platform.org;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobHandler;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import java.util.List;

/**
 * Removes a deleted organization: first what lives outside its rows (each {@link Step}, such as its
 * objects in storage; steps are idempotent), then its rows (memberships, invitations, tokens and the
 * rest follow the organization row). Its audit chain is kept: it names ids only.
 */
public final class OrgPurgeJob implements JobHandler {
    public static final String KIND = "org.purge";

    /** One part of a deleted organization's data outside its rows. Must be idempotent. */
    @FunctionalInterface
    public interface Step {
        void purge(OrgId org) throws Exception;
    }

    private final TenantDb db;
    private final JobQueue queue;
    private final AuditLog audit;
    private final List<Step> steps;

    public OrgPurgeJob(TenantDb db, JobQueue queue, AuditLog audit, List<Step> steps) {
        this.db = db;
        this.queue = queue;
        this.audit = audit;
        this.steps = List.copyOf(steps);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(Job job) throws Exception {
        boolean deleted = db.inOrg(job.org(), null, t -> t.handle()
            .createQuery("SELECT deleted_at IS NOT NULL FROM organization WHERE id = :id").bind("id", job.org().value())
            .mapTo(Boolean.class).findOne().orElse(true));
        if (!deleted) {
            throw new Permanent("the organization is not deleted");
        }
        for (Step step : steps) {
            step.purge(job.org());
        }
        db.inOrg(job.org(), null, t -> {
            queue.requireFence(t, job);
            int rows = t.handle().createUpdate("DELETE FROM organization WHERE id = :id AND deleted_at IS NOT NULL")
                .bind("id", job.org().value()).execute();
            if (rows > 0) {
                audit.append(t, Actor.system(), AuditEntry.of("org.purged", "organization", job.org()));
            }
            return null;
        });
    }
}
