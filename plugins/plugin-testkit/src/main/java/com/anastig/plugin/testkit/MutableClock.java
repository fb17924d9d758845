package com.anastig.plugin.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test can set: it follows the system clock shifted by an offset the test chooses, so time
 * keeps moving (as servers expect) while a test can move "now" into the past or the future.
 */
public final class MutableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    /** Shifts this clock so that it reads {@code now} now. */
    public void setInstant(Instant now) {
        offset = Duration.between(Instant.now(), now);
    }

    /** Moves this clock by {@code amount} (negative moves it back). */
    public void shift(Duration amount) {
        offset = offset.plus(amount);
    }

    /** Follows the system clock again. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
