package com.anastig.platform.job;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.tenant.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Claims due jobs across organizations: {@code FOR UPDATE SKIP LOCKED} over every organization's
 * queue, through {@link CrossTenantDb} (each claim audited). Only the {@link JobRunner} holds one.
 */
public final class JobClaims {
    private final CrossTenantDb crossTenant;
    private final JobConfig config;
    private final Clock clock;

    public JobClaims(CrossTenantDb crossTenant, JobConfig config, Clock clock) {
        this.crossTenant = crossTenant;
        this.config = config;
        this.clock = clock;
    }

    /** Claims one due job of these kinds (queued and due, or running with an expired lease), if any. */
    public Optional<Job> claim(String node, Set<String> kinds) {
        Instant now = clock.instant();
        return crossTenant.poll("job_claim", Actor.system(), h -> {
            Optional<Job> job = h.createQuery("UPDATE job SET status = 'running', lease_owner = :node, lease_until = :until,"
                    + " fence = fence + 1, attempts = attempts + 1, updated_at = :now WHERE id = ("
                    + " SELECT id FROM job WHERE kind IN (<kinds>) AND ((status = 'queued' AND run_after <= :now)"
                    + " OR (status = 'running' AND lease_until < :now)) ORDER BY run_after FOR UPDATE SKIP LOCKED LIMIT 1)"
                    + " RETURNING id, org_id, kind, subject_id, fence, attempts")
                .bind("node", node).bind("until", now.plus(config.lease().toJavaDuration())).bind("now", now)
                .bindList("kinds", java.util.List.copyOf(kinds))
                .map((rs, ctx) -> new Job(rs.getObject(1, UUID.class), new OrgId(rs.getObject(2, UUID.class)), rs.getString(3),
                    rs.getObject(4, UUID.class), rs.getLong(5), rs.getInt(6)))
                .findOne();
            return new CrossTenantDb.Outcome<>(job, job.map(j -> AuditEntry.of("job_claim", "job", j.id())
                .with("org", j.org().toString()).with("kind", j.kind()).with("attempt", j.attempts())).orElse(null));
        });
    }

}
