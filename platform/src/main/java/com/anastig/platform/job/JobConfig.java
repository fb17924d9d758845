package com.anastig.platform.job;

import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Background jobs (storage migrations, organization purges, later exports and imports): how many run
 * at once on a node, how often a node looks for work, how long a claim lasts without renewal (a dead
 * node's job is taken over after it), the first retry delay (doubling up to {@code maxBackoff}) and
 * after how many attempts a job is marked failed.
 */
public record JobConfig(@Min(1) @Max(64) Integer workers, Duration pollInterval, Duration lease, Duration firstBackoff,
                        Duration maxBackoff, @Min(1) @Max(100) Integer maxAttempts) {
    public JobConfig {
        workers = workers == null ? 2 : workers;
        pollInterval = pollInterval == null ? Duration.seconds(1) : pollInterval;
        lease = lease == null ? Duration.seconds(60) : lease;
        firstBackoff = firstBackoff == null ? Duration.seconds(5) : firstBackoff;
        maxBackoff = maxBackoff == null ? Duration.minutes(10) : maxBackoff;
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
    }

    public static JobConfig defaults() {
        return new JobConfig(null, null, null, null, null, null);
    }

    /** The delay before attempt {@code attempts + 1}. */
    public java.time.Duration backoff(int attempts) {
        long delay = firstBackoff.toMilliseconds() << Math.min(20, Math.max(0, attempts - 1));
        return java.time.Duration.ofMillis(Math.min(delay, maxBackoff.toMilliseconds()));
    }
}
