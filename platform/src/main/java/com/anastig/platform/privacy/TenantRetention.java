package com.anastig.platform.privacy;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.tenant.CrossTenantDb;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of tenant rows that no organization's own job removes: invitations (the address they were
 * sent to is personal data) once their 7 days are over, whether accepted, revoked or left unanswered.
 * Runs hourly through the cross-tenant role; a pass that deletes something is audited in the platform's
 * chain. Idempotent, so several nodes may run it.
 */
public final class TenantRetention implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRetention.class);
    private final CrossTenantDb crossTenant;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public TenantRetention(CrossTenantDb crossTenant, Clock clock) {
        this.crossTenant = crossTenant;
        this.clock = clock;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tenant-retention");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                LOG.warn("Tenant retention failed: {}", e.getMessage());
            }
        }, 2, 60, TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** One pass; returns how many invitations were deleted. */
    public int run() {
        int deleted = crossTenant.poll("retention_purge", Actor.system(), h -> {
            int n = h.createUpdate("DELETE FROM invitation WHERE expires_at < :now").bind("now", clock.instant()).execute();
            return new CrossTenantDb.Outcome<>(n, n == 0 ? null : AuditEntry.of("invitations_purged", "invitation", "expired").with("rows", n));
        });
        if (deleted > 0) {
            LOG.info("Tenant retention deleted {} expired invitation(s)", deleted);
        }
        return deleted;
    }
}
