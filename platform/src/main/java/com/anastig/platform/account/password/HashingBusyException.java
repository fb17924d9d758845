package com.anastig.platform.account.password;

import com.anastig.platform.http.ApiException;
import java.util.Map;

/**
 * 503 {@code busy}: every hashing thread is taken and the queue is full (or the wait ran out); try
 * again in {@link #retryAfterSeconds()}. {@link HashingBusyExceptionMapper} adds the
 * {@code Retry-After} header; the body carries {@code retryAfterSeconds} too.
 */
public final class HashingBusyException extends ApiException {
    private final long retryAfterSeconds;

    public HashingBusyException(long retryAfterSeconds) {
        super(503, "busy", "Busy", "Too many sign-ins at once; try again in a moment.");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    protected Map<String, Object> extensions() {
        return Map.of("retryAfterSeconds", retryAfterSeconds);
    }
}
