package com.anastig.platform.session;

import io.dropwizard.util.Duration;

/**
 * Session lifetimes: a session ends after {@code idleTimeout} without a request, and after
 * {@code absoluteTimeout} whatever happens. {@code touchInterval} bounds how often a request writes
 * its last-seen time to the database.
 */
public record SessionConfig(Duration idleTimeout, Duration absoluteTimeout, Duration touchInterval) {
    public SessionConfig {
        idleTimeout = idleTimeout == null ? Duration.hours(2) : idleTimeout;
        absoluteTimeout = absoluteTimeout == null ? Duration.days(14) : absoluteTimeout;
        touchInterval = touchInterval == null ? Duration.minutes(1) : touchInterval;
    }

    public static SessionConfig defaults() {
        return new SessionConfig(null, null, null);
    }

    @jakarta.validation.constraints.AssertTrue(message = "sessions.idleTimeout must be positive and at most sessions.absoluteTimeout")
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isConsistent() {
        return idleTimeout.toSeconds() > 0 && idleTimeout.toSeconds() <= absoluteTimeout.toSeconds();
    }

    java.time.Duration idle() {
        return java.time.Duration.ofMillis(idleTimeout.toMilliseconds());
    }

    java.time.Duration absolute() {
        return java.time.Duration.ofMillis(absoluteTimeout.toMilliseconds());
    }

    java.time.Duration touch() {
        return java.time.Duration.ofMillis(touchInterval.toMilliseconds());
    }
}
