package com.anastig.platform.throttle;

import com.anastig.platform.http.ApiException;

/**
 * A refused attempt: 429 with code {@code throttled}. {@link ThrottledExceptionMapper} renders it
 * with a {@code Retry-After} header of {@link #retryAfterSeconds()} (whole seconds, at least 1).
 * Carries the limit but never the subject.
 */
public final class ThrottledException extends ApiException {
    private final Limit limit;
    private final long retryAfterSeconds;

    public ThrottledException(Limit limit, long retryAfterSeconds) {
        super(429, "throttled", "Too many requests",
            "Too many attempts. Try again in " + Math.max(1, retryAfterSeconds) + " seconds.");
        this.limit = limit;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds until an attempt can succeed, rounded up, at least 1. */
    public static long secondsFromNanos(long nanos) {
        long seconds = nanos / 1_000_000_000L + (nanos % 1_000_000_000L > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    public Limit limit() {
        return limit;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
