package com.anastig.platform.techdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.http.FallbackExceptionMapper;
import com.anastig.platform.testing.SharedPostgres;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Error fingerprints counted on a real PostgreSQL, as the application role. */
class ErrorRecorderIT {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private Jdbi jdbi;
    private ErrorRecorder recorder;

    @BeforeEach
    void setUp() {
        jdbi = Jdbi.create(SharedPostgres.newDatabase().asApp()).installPlugin(new SqlObjectPlugin());
        recorder = new ErrorRecorder(jdbi, clock);
    }

    private static RuntimeException failure(String message) {
        return new IllegalStateException(message);
    }

    private List<ErrorFingerprintRow> rows() {
        return jdbi.withExtension(ErrorFingerprintDao.class, dao -> dao.recent(10));
    }

    @Test
    void repeatsAreCountedUnderOneFingerprintWithoutTheMessage() {
        String first = recorder.record(failure("SELECT secret FROM accounts WHERE email='a@b.test'"));
        now.set(now.get().plusSeconds(90));
        String second = recorder.record(failure("another message, same place"));
        assertThat(second).isEqualTo(first).isEqualTo(FallbackExceptionMapper.fingerprint(failure("x")));

        List<ErrorFingerprintRow> rows = rows();
        assertThat(rows).hasSize(1);
        ErrorFingerprintRow row = rows.get(0);
        assertThat(row.fingerprint()).isEqualTo(first);
        assertThat(row.exceptionType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(row.count()).isEqualTo(2);
        assertThat(row.firstSeen()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(row.lastSeen()).isEqualTo(Instant.parse("2026-11-28T12:01:30Z"));
        String everything = jdbi.withHandle(h -> h.createQuery("SELECT string_agg(t::text, ',') FROM error_fingerprint t")
            .mapTo(String.class).one());
        assertThat(everything).doesNotContain("secret").doesNotContain("a@b.test").doesNotContain("message");
    }

    @Test
    void differentPlacesGetDifferentFingerprints() {
        String a = recorder.record(failure("a"));
        String b = recorder.record(new IllegalArgumentException("a"));
        assertThat(a).isNotEqualTo(b);
        assertThat(rows()).hasSize(2).allSatisfy(r -> assertThat(r.count()).isEqualTo(1));
    }

    @Test
    void concurrentRecordsAreAllCounted() throws Exception {
        RuntimeException error = failure("same");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 40; i++) {
                pool.submit(() -> recorder.record(error));
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(rows()).singleElement().extracting(ErrorFingerprintRow::count).isEqualTo(40L);
    }

    @Test
    void aDatabaseFailureIsSwallowed() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
        ErrorRecorder broken = new ErrorRecorder(Jdbi.create(nowhere).installPlugin(new SqlObjectPlugin()), clock);
        RuntimeException error = failure("x");
        assertThat(broken.record(error)).isEqualTo(FallbackExceptionMapper.fingerprint(error));
    }

    @Test
    void theAppRoleMayDeleteFingerprintsButNotRewriteHistoryOfOtherTables() {
        // fingerprints have a retention period now (retention.errorFingerprints; RetentionReportIT shows the purge)
        recorder.record(failure("x"));
        jdbi.useHandle(h -> h.execute("DELETE FROM error_fingerprint WHERE last_seen < now() - interval '1 day'"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM audit_event")))
            .hasMessageContaining("permission denied");
    }
}
