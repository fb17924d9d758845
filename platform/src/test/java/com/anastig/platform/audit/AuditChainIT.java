package com.anastig.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The hash chain against the real database: concurrent appends, append-only rights, and tampering found. */
class AuditChainIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private final Jdbi app = DB.jdbiAsApp();
    private final TenantDb tenants = new TenantDb(app);
    private final AuditLog audit = new AuditLog(Clock.systemUTC());
    private final AuditVerifier verifier = new AuditVerifier();
    private final CrossTenantDb crossTenant = new CrossTenantDb(Jdbi.create(DB.asCrossTenant()), audit);

    private OrgId chainWith(int events) {
        OrgId org = OrgId.random();
        for (int i = 0; i < events; i++) {
            int n = i;
            tenants.inOrg(org, null, t -> audit.append(t, Actor.system(), AuditEntry.of("test.event", "thing", n).with("n", n)));
        }
        return org;
    }

    private AuditVerifier.Result verify(OrgId org) {
        return crossTenant.call("audit_verify", Actor.system(), AuditEntry.of("audit_verify", "chain", org), h -> verifier.verify(h, org));
    }

    @Test
    void concurrentAppendsQueueIntoOneUnbrokenChain() throws Exception {
        OrgId org = OrgId.random();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int n = i;
            writes.add(pool.submit(() -> tenants.inOrg(org, null,
                t -> audit.append(t, new Actor(Actor.Type.ACCOUNT, UUID.randomUUID(), "DE", "Firefox on desktop"),
                    AuditEntry.of("test.concurrent", "thing", n).withReason("because " + n)))));
        }
        for (Future<?> w : writes) {
            w.get();
        }
        pool.shutdown();
        AuditVerifier.Result result = verify(org);
        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.events()).isEqualTo(80);
    }

    @Test
    void eventsCanBeNeitherChangedNorDeletedThroughTheApplicationOrTheOwner() throws Exception {
        OrgId org = chainWith(2);
        assertThatThrownBy(() -> tenants.inOrg(org, null, t -> t.handle().execute("UPDATE audit_event SET action = 'x'")))
            .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> tenants.inOrg(org, null, t -> t.handle().execute("DELETE FROM audit_event")))
            .hasMessageContaining("permission denied");
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement()) {
            // and the application role holds no right to change them in the first place
            for (String right : List.of("UPDATE", "DELETE", "TRUNCATE")) {
                try (var rs = s.executeQuery("SELECT has_table_privilege('" + SharedPostgres.APP.user() + "', 'audit_event', '" + right + "')")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as(right).isFalse();
                }
            }
            assertThatThrownBy(() -> s.execute("UPDATE audit_event SET action = 'x'")).hasMessageContaining("append-only");
        }
        assertThat(verify(org).ok()).isTrue();
    }

    @Test
    void anEditedEventIsTheFirstBrokenLink() throws Exception {
        OrgId org = chainWith(5);
        OrgId other = chainWith(3);
        tamper("UPDATE audit_event SET target_id = 'swapped' WHERE org_id = '" + org + "' AND seq = 3");
        AuditVerifier.Result result = verify(org);
        assertThat(result.ok()).isFalse();
        assertThat(result.broken().orElseThrow().seq()).isEqualTo(3);
        assertThat(result.broken().orElseThrow().problem()).contains("edited");
        assertThat(verify(other).ok()).isTrue();
    }

    @Test
    void aDeletedEventOrACutTailIsFound() throws Exception {
        OrgId org = chainWith(5);
        tamper("DELETE FROM audit_event WHERE org_id = '" + org + "' AND seq = 2");
        assertThat(verify(org).broken().orElseThrow().seq()).isEqualTo(2);

        OrgId cut = chainWith(4);
        tamper("DELETE FROM audit_event WHERE org_id = '" + cut + "' AND seq = 4");
        assertThat(verify(cut).broken().orElseThrow().problem()).contains("head");
    }

    @Test
    void aRecomputedButReplacedEventBreaksTheNextLink() throws Exception {
        OrgId org = chainWith(4);
        // an attacker who rewrites event 2 and its own hash consistently still breaks event 3's previous-hash
        tamper("UPDATE audit_event SET prev_hash = prev_hash, hash = decode(repeat('00', 32), 'hex') WHERE org_id = '" + org + "' AND seq = 2");
        AuditVerifier.Result result = verify(org);
        assertThat(result.broken().orElseThrow().seq()).isEqualTo(2);
    }

    @Test
    void everyCrossTenantCallIsItselfAudited() {
        OrgId org = chainWith(1);
        long before = platformEvents();
        verify(org);
        assertThat(platformEvents()).isEqualTo(before + 1);
    }

    private long platformEvents() {
        return crossTenant.call("count", Actor.system(), AuditEntry.of("count", "chain", OrgId.PLATFORM),
            h -> h.createQuery("SELECT count(*) FROM audit_event WHERE org_id = :p AND action LIKE 'cross_tenant.audit_verify'")
                .bind("p", OrgId.PLATFORM.value()).mapTo(Long.class).one());
    }

    private static void tamper(String sql) throws Exception {
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            s.execute(sql);
            s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
        }
    }
}
