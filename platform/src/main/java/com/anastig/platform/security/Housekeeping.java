package com.anastig.platform.security;

import com.anastig.platform.account.AccountTokens;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention periods of the privacy policy, as code: security events older than 24 months,
 * tokens once used, superseded or expired, sessions a day after they ended, sent mail metadata
 * after 30 days and error fingerprints a configured period after they were last seen are deleted. Every step is an idempotent DELETE, so several nodes may run it.
 */
public final class Housekeeping implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    static final Duration SENT_MAIL_RETENTION = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecurityEvents events;
    private final AccountTokens tokens;
    private final Duration errorFingerprints;
    private ScheduledExecutorService scheduler;

    /** @param errorFingerprints how long an error fingerprint is kept after it was last seen */
    public Housekeeping(Jdbi jdbi, Clock clock, SecurityEvents events, AccountTokens tokens, Duration errorFingerprints) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.events = events;
        this.tokens = tokens;
        this.errorFingerprints = errorFingerprints;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "housekeeping");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::runSafely, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping failed: {}", e.getMessage());
        }
    }

    /** One pass; returns how many rows were deleted. */
    public int run() {
        int events = this.events.purge();
        int tokens = jdbi.inTransaction(this.tokens::purge);
        int sessions = jdbi.withHandle(h -> h.createUpdate("DELETE FROM session WHERE revoked_at < :dayAgo OR absolute_expires_at < :dayAgo")
            .bind("dayAgo", clock.instant().minus(Duration.ofDays(1))).execute());
        int mail = jdbi.withHandle(h -> h.createUpdate("DELETE FROM mail_outbox WHERE sent_at < :cutoff")
            .bind("cutoff", clock.instant().minus(SENT_MAIL_RETENTION)).execute());
        int fingerprints = jdbi.withHandle(h -> h.createUpdate("DELETE FROM error_fingerprint WHERE last_seen < :cutoff")
            .bind("cutoff", clock.instant().minus(errorFingerprints)).execute());
        int total = events + tokens + sessions + mail + fingerprints;
        if (total > 0) {
            LOG.info("Housekeeping deleted {} security event(s), {} token(s), {} session(s), {} sent mail record(s), {} error fingerprint(s)",
                events, tokens, sessions, mail, fingerprints);
        }
        return total;
    }
}
