package com.anastig.platform.throttle;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/**
 * Bucket4j's time taken from a {@link Clock}. Bucket4j sends this "client clock" with every command,
 * so the member that owns a bucket computes refills with the caller's time, not its own: tests move
 * a clock instead of sleeping, and in production every node uses its (NTP-synchronised) UTC clock.
 */
final class ClockTimeMeter implements TimeMeter {
    private final Clock clock;

    ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
