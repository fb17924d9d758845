package com.anastig.platform.mail;

import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How the mail outbox is worked off: how often it is polled, how many messages one node claims at
 * a time, the first retry delay (doubling up to {@code maxBackoff}), and after how many attempts a
 * message is given up (kept, marked failed, for operators to see).
 */
public record OutboxConfig(Duration pollInterval, @Min(1) @Max(500) Integer batchSize, Duration firstBackoff,
                           Duration maxBackoff, @Min(1) @Max(100) Integer maxAttempts) {
    public OutboxConfig {
        pollInterval = pollInterval == null ? Duration.seconds(1) : pollInterval;
        batchSize = batchSize == null ? 20 : batchSize;
        firstBackoff = firstBackoff == null ? Duration.seconds(10) : firstBackoff;
        maxBackoff = maxBackoff == null ? Duration.hours(1) : maxBackoff;
        maxAttempts = maxAttempts == null ? 30 : maxAttempts;
    }

    public static OutboxConfig defaults() {
        return new OutboxConfig(null, null, null, null, null);
    }

    /** The delay before attempt {@code attempts + 1}. */
    public java.time.Duration backoff(int attempts) {
        long first = firstBackoff.toMilliseconds();
        long delay = first << Math.min(20, Math.max(0, attempts - 1));
        return java.time.Duration.ofMillis(Math.min(delay, maxBackoff.toMilliseconds()));
    }
}
