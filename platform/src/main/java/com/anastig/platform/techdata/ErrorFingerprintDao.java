package com.anastig.platform.techdata;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Server-error fingerprints with counts (platform data, not tenant data). */
@RegisterConstructorMapper(ErrorFingerprintRow.class)
public interface ErrorFingerprintDao {

    /** Counts one occurrence: a new fingerprint starts at 1, a known one goes up by one. */
    @SqlUpdate("INSERT INTO error_fingerprint (fingerprint, exception_type, first_seen, last_seen, count) "
        + "VALUES (:fingerprint, :type, :now, :now, 1) "
        + "ON CONFLICT (fingerprint) DO UPDATE SET count = error_fingerprint.count + 1, "
        + "last_seen = GREATEST(error_fingerprint.last_seen, EXCLUDED.last_seen)")
    void count(@Bind("fingerprint") String fingerprint, @Bind("type") String exceptionType, @Bind("now") Instant now);

    /** The most recently seen fingerprints first. */
    @SqlQuery("SELECT * FROM error_fingerprint ORDER BY last_seen DESC, fingerprint LIMIT :limit")
    List<ErrorFingerprintRow> recent(@Bind("limit") int limit);
}
