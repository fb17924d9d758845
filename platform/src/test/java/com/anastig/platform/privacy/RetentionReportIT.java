package com.anastig.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.account.AccountTokens;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.security.Housekeeping;
import com.anastig.platform.security.SecurityEvents;
import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.testing.MutableClock;
import com.anastig.platform.testing.SharedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The retention report counts what is held and what is past its period; the housekeeping brings the latter to zero. */
class RetentionReportIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T00:00:00Z"));
    private final Jdbi app = DB.jdbiAsApp();
    private final RetentionReport report = new RetentionReport(app, new CrossTenantDb(Jdbi.create(DB.asCrossTenant()), new AuditLog(clock)),
        new RetentionConfig(io.dropwizard.util.Duration.days(90)), clock);

    private Map<String, RetentionReport.Category> byName() {
        return report.categories().stream().collect(Collectors.toMap(RetentionReport.Category::name, c -> c));
    }

    @Test
    void theReportShowsRowsPastTheirPeriodUntilTheHousekeepingRemovesThem() {
        Jdbi superuser = Jdbi.create(DB.asSuperuser());
        UUID account = UUID.randomUUID();
        superuser.useHandle(h -> {
            h.execute("INSERT INTO security_event (id, account_id, kind, at) VALUES (?, ?, 'login', ?), (?, ?, 'login', ?)",
                UUID.randomUUID(), account, clock.instant().minus(Duration.ofDays(800)), UUID.randomUUID(), account, clock.instant());
            UUID org = UUID.randomUUID();
            h.execute("INSERT INTO organization (id, name, created_at, created_by) VALUES (?, 'Old invites', ?, ?)", org, clock.instant(), account);
            h.execute("INSERT INTO invitation (id, org_id, email_normalized, role, token_hash, invited_by, created_at, expires_at)"
                + " VALUES (?, ?, 'gone@example.test', 'viewer', ?, ?, ?, ?), (?, ?, 'fresh@example.test', 'viewer', ?, ?, ?, ?)",
                UUID.randomUUID(), org, new byte[] {1}, account, clock.instant().minus(Duration.ofDays(20)), clock.instant().minus(Duration.ofDays(13)),
                UUID.randomUUID(), org, new byte[] {2}, account, clock.instant(), clock.instant().plus(Duration.ofDays(7)));
            h.execute("INSERT INTO error_fingerprint (fingerprint, exception_type, first_seen, last_seen, count) VALUES"
                + " ('old', 'X', ?, ?, 3), ('new', 'Y', ?, ?, 1)", clock.instant().minus(Duration.ofDays(400)),
                clock.instant().minus(Duration.ofDays(200)), clock.instant(), clock.instant());
        });
        Map<String, RetentionReport.Category> before = byName();
        assertThat(before.get("security events").held()).isEqualTo(2);
        assertThat(before.get("security events").pastPeriod()).isEqualTo(1);
        assertThat(before.get("security events").oldest()).isEqualTo(clock.instant().minus(Duration.ofDays(800)));
        assertThat(before.get("error fingerprints").pastPeriod()).isEqualTo(1);
        assertThat(before.get("invitations").pastPeriod()).isEqualTo(1);
        assertThat(before).containsKeys("sessions", "sent mail metadata", "invitations", "dataset export ZIPs", "direct uploads never completed",
            "privacy requests", "verification, reset and e-mail change tokens");

        new Housekeeping(app, clock, new SecurityEvents(app, clock), new AccountTokens(clock), Duration.ofDays(90)).run();
        assertThat(new TenantRetention(new CrossTenantDb(Jdbi.create(DB.asCrossTenant()), new AuditLog(clock)), clock).run()).isEqualTo(1);
        Map<String, RetentionReport.Category> after = byName();
        assertThat(after.values()).allSatisfy(c -> assertThat(c.pastPeriod()).as(c.name()).isZero());
        assertThat(after.get("security events").held()).isEqualTo(1);
        assertThat(after.get("error fingerprints").held()).isEqualTo(1);
        assertThat(after.get("invitations").held()).isEqualTo(1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(report.print(new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("security events").contains("24 months").contains("error fingerprints");
    }
}
