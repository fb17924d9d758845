package com.anastig.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.testing.SharedPostgres;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Row-level security as the application role sees it, without the HTTP layer: a bare query in org
 * A's scope sees only A's rows; with no scope it sees nothing (except, as an account, its own
 * memberships and their organizations); writing another organization's row is refused; and the
 * transaction-local scope is gone from a pooled connection once its transaction ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowLevelSecurityIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private static final List<String> TABLES = List.of("membership", "organization", "audit_event");

    private final OrgId a = new OrgId(UUID.randomUUID());
    private final OrgId b = new OrgId(UUID.randomUUID());
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final Jdbi app = DB.jdbiAsApp();
    private final TenantDb tenants = new TenantDb(app);
    private ManagedDataSource single;

    @BeforeAll
    void seed() throws Exception {
        Jdbi.create(DB.asSuperuser()).useTransaction(h -> {
            for (UUID account : List.of(alice, bob)) {
                h.createUpdate("INSERT INTO account (id, email, email_normalized, name, password_hash, password_changed_at, country,"
                        + " language, status, created_at, updated_at) VALUES (:id, :e, :e, 'X', 'x', now(), 'DE', 'en', 'active', now(), now())")
                    .bind("id", account).bind("e", account + "@example.test").execute();
            }
            organization(h, a, alice);
            organization(h, b, bob);
        });
        DataSourceFactory f = new DataSourceFactory();
        f.setDriverClass("org.postgresql.Driver");
        f.setUrl(DB.url());
        f.setUser(SharedPostgres.APP.user());
        f.setPassword(SharedPostgres.APP.password());
        f.setInitialSize(1);
        f.setMinSize(1);
        f.setMaxSize(1);
        single = f.build(new MetricRegistry(), "rls-single");
        single.start();
    }

    @AfterAll
    void stop() throws Exception {
        single.stop();
    }

    private static void organization(Handle h, OrgId org, UUID owner) {
        h.createUpdate("INSERT INTO organization (id, name, created_at, created_by) VALUES (:id, 'Org', now(), :o)")
            .bind("id", org.value()).bind("o", owner).execute();
        h.createUpdate("INSERT INTO membership (org_id, account_id, role, joined_at) VALUES (:id, :o, 'owner', now())")
            .bind("id", org.value()).bind("o", owner).execute();
        for (int seq = 1; seq <= 2; seq++) {
            h.createUpdate("INSERT INTO audit_event (org_id, seq, id, at, actor_type, action, details, prev_hash, hash)"
                    + " VALUES (:id, :seq, :event, now(), 'system', 'test.seeded', '{}', '\\x00'::bytea, '\\x01'::bytea)")
                .bind("id", org.value()).bind("seq", seq).bind("event", UUID.randomUUID()).execute();
        }
    }

    private List<UUID> seenIn(OrgId org, UUID account, String table) {
        return tenants.inOrg(org, account, t -> orgIds(t.handle(), table));
    }

    private List<UUID> seenAs(UUID account, String table) {
        return tenants.asAccount(account, h -> orgIds(h, table));
    }

    private List<UUID> bare(boolean transaction, String table) {
        return transaction ? app.inTransaction(h -> orgIds(h, table)) : app.withHandle(h -> orgIds(h, table));
    }

    private static List<UUID> orgIds(Handle h, String table) {
        String column = table.equals("organization") ? "id" : "org_id";
        return h.createQuery("SELECT * FROM " + table).map((rs, ctx) -> rs.getObject(column, UUID.class)).list();
    }

    @Test
    void aBareQueryInAnOrganizationsScopeSeesOnlyThatOrganization() {
        for (String table : TABLES) {
            List<UUID> seen = seenIn(a, null, table);
            assertThat(seen).as(table).isNotEmpty().containsOnly(a.value());
            assertThat(seenIn(b, bob, table)).as(table).isNotEmpty().containsOnly(b.value());
        }
    }

    @Test
    void withoutAScopeABareQuerySeesNothingAndAnAccountOnlyItsOwnMemberships() {
        for (String table : TABLES) {
            assertThat(bare(true, table)).as(table + " in a transaction without scope").isEmpty();
            assertThat(bare(false, table)).as(table + " in autocommit").isEmpty();
        }
        assertThat(seenAs(alice, "membership")).containsExactly(a.value());
        assertThat(seenAs(alice, "organization")).containsExactly(a.value());
        assertThat(seenAs(alice, "audit_event")).isEmpty();
        assertThat(seenAs(UUID.randomUUID(), "organization")).isEmpty();
    }

    @Test
    void writingAnotherOrganizationsRowsIsRefusedOrReachesNothing() {
        assertThatThrownBy(() -> tenants.inOrg(a, alice, t -> t.handle().createUpdate(
                "INSERT INTO membership (org_id, account_id, role, joined_at) VALUES (:b, :alice, 'owner', now())")
            .bind("b", b.value()).bind("alice", alice).execute()))
            .hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("row-level security");
        assertThatThrownBy(() -> tenants.inOrg(a, alice, t -> t.handle().createUpdate(
                "INSERT INTO audit_event (org_id, seq, id, at, actor_type, action, details, prev_hash, hash)"
                    + " VALUES (:b, 99, :id, now(), 'system', 'test.forged', '{}', '\\x00'::bytea, '\\x01'::bytea)")
            .bind("b", b.value()).bind("id", UUID.randomUUID()).execute()))
            .hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("row-level security");
        // moving one's own row into another organization is refused by WITH CHECK too
        assertThatThrownBy(() -> tenants.inOrg(a, alice, t -> t.handle().createUpdate(
                "UPDATE membership SET org_id = :b WHERE org_id = :a").bind("a", a.value()).bind("b", b.value()).execute()))
            .hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("row-level security");
        int renamed = tenants.inOrg(a, alice, t -> t.handle().createUpdate("UPDATE organization SET name = 'Hijacked' WHERE id = :b")
            .bind("b", b.value()).execute());
        int deleted = tenants.inOrg(a, alice, t -> t.handle().createUpdate("DELETE FROM membership WHERE org_id = :b")
            .bind("b", b.value()).execute());
        assertThat(renamed).isZero();
        assertThat(deleted).isZero();
        String name = tenants.inOrg(b, bob, t -> t.handle().createQuery("SELECT name FROM organization").mapTo(String.class).one());
        assertThat(name).isEqualTo("Org");
        assertThat(seenIn(b, bob, "membership")).hasSize(1);
    }

    @Test
    void theScopeEndsWithItsTransactionOnTheSamePooledConnection() {
        Jdbi pooled = Jdbi.create(single);
        TenantDb scoped = new TenantDb(pooled);
        int pid = scoped.inOrg(a, alice, t -> {
            assertThat(orgIds(t.handle(), "membership")).containsOnly(a.value());
            return t.handle().createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
        });
        assertThatThrownBy(() -> scoped.inOrg(b, bob, t -> {
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        for (boolean transaction : List.of(false, true)) {
            Map<String, Object> after = transaction ? pooled.inTransaction(RowLevelSecurityIT::leftovers) : pooled.withHandle(RowLevelSecurityIT::leftovers);
            assertThat(after.get("pid")).as("one pooled connection").isEqualTo(pid);
            assertThat((String) after.get("org")).as("anastig.org_id after the transaction").isNullOrEmpty();
            assertThat((String) after.get("account")).as("anastig.account_id after the transaction").isNullOrEmpty();
            assertThat(after.get("members")).isEqualTo(0L);
        }
    }

    private static Map<String, Object> leftovers(Handle h) {
        return h.createQuery("SELECT pg_backend_pid() AS pid, current_setting('anastig.org_id', true) AS org,"
            + " current_setting('anastig.account_id', true) AS account, (SELECT count(*) FROM membership) AS members").mapToMap().one();
    }

    @Test
    void theApplicationRoleIsNeitherOwnerNorSuperuser() {
        Map<String, Object> who = app.withHandle(h -> h.createQuery("SELECT current_user AS u, (SELECT rolsuper FROM pg_roles"
            + " WHERE rolname = current_user) AS su, pg_has_role(current_user, (SELECT pg_get_userbyid(relowner) FROM pg_class"
            + " WHERE relname = 'membership'), 'MEMBER') AS owner").mapToMap().one());
        assertThat(who).containsEntry("u", SharedPostgres.APP.user()).containsEntry("su", false).containsEntry("owner", false);
    }
}
