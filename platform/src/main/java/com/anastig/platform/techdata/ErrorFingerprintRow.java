package com.anastig.platform.techdata;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** One row of {@code error_fingerprint}. */
public record ErrorFingerprintRow(String fingerprint, @ColumnName("exception_type") String exceptionType,
                                  @ColumnName("first_seen") Instant firstSeen, @ColumnName("last_seen") Instant lastSeen,
                                  long count) {
}
