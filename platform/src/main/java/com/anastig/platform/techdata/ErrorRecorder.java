package com.anastig.platform.techdata;

import com.anastig.platform.http.FallbackExceptionMapper;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts server errors by fingerprint (exception type + top five frames, hashed: the same value the
 * fallback mapper logs) in {@code error_fingerprint}. Only the fingerprint, the exception's class
 * name and times are kept: never its message, a request body or an address. Recording never fails
 * the caller: a database problem is logged (without details that could carry data) and swallowed.
 * The write runs on the given executor (in the application, one bounded background thread), so a 500
 * during a database outage answers at once instead of waiting for the pool's timeout.
 */
public final class ErrorRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorRecorder.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final java.util.concurrent.Executor writer;

    /** Records in the caller's thread (for tests and tools). */
    public ErrorRecorder(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, Runnable::run);
    }

    public ErrorRecorder(Jdbi jdbi, Clock clock, java.util.concurrent.Executor writer) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.writer = writer;
    }

    /** Counts one occurrence of the error; returns its fingerprint. */
    public String record(Throwable error) {
        String fingerprint = FallbackExceptionMapper.fingerprint(error);
        String type = error.getClass().getName();
        java.time.Instant at = clock.instant();
        try {
            writer.execute(() -> write(fingerprint, type, at));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("Dropped error fingerprint {}: the recorder's queue is full", fingerprint);
        }
        return fingerprint;
    }

    private void write(String fingerprint, String type, java.time.Instant at) {
        try {
            jdbi.useExtension(ErrorFingerprintDao.class, dao -> dao.count(fingerprint, type, at));
        } catch (RuntimeException e) {
            LOG.warn("Could not record error fingerprint {} ({})", fingerprint, e.getClass().getSimpleName());
        }
    }
}
