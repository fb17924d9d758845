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
 */
public final class ErrorRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorRecorder.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public ErrorRecorder(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Counts one occurrence of the error; returns its fingerprint. */
    public String record(Throwable error) {
        String fingerprint = FallbackExceptionMapper.fingerprint(error);
        try {
            jdbi.useExtension(ErrorFingerprintDao.class,
                dao -> dao.count(fingerprint, error.getClass().getName(), clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("Could not record error fingerprint {} ({})", fingerprint, e.getClass().getSimpleName());
        }
        return fingerprint;
    }
}
