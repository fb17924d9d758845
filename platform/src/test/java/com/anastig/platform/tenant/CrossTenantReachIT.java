package com.anastig.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An ordinary request cannot reach the cross-tenant role: the database refuses the app role the way
 * to it, no object an organization route's resource holds leads to it, and every table with an
 * {@code org_id} (found by asking the database, so new tables are covered) has forced row-level
 * security with a policy for each of the two roles.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CrossTenantReachIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    private static final String APP_ROLE = SharedPostgres.APP.user();
    private static final String CROSS = SharedPostgres.CROSS_TENANT.user();

    @Test
    void theAppRoleCannotBecomeTheCrossTenantRole() throws Exception {
        try (Connection c = DB.asApp().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SET ROLE " + CROSS)).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("SET SESSION AUTHORIZATION " + CROSS)).hasMessageContaining("permission denied");
        }
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid"
                 + " JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = '" + CROSS + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("members of the cross-tenant role").isZero();
        }
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolname, rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname IN ('"
                 + APP_ROLE + "', '" + CROSS + "')")) {
            int seen = 0;
            while (rs.next()) {
                seen++;
                assertThat(rs.getBoolean(2) || rs.getBoolean(3) || rs.getBoolean(4)).as(rs.getString(1)).isFalse();
            }
            assertThat(seen).isEqualTo(2);
        }
    }

    @Test
    void noOrganizationRouteHoldsAWayToTheCrossTenantRole() throws Exception {
        List<Object> orgResources = new ArrayList<>();
        for (Object instance : registeredObjects()) {
            for (java.lang.reflect.Method m : instance.getClass().getMethods()) {
                if (OrgScopeFilter.template(instance.getClass(), m).startsWith(OrgScopeFilter.ORG_ROUTE_PREFIX)) {
                    orgResources.add(instance);
                    break;
                }
            }
        }
        assertThat(orgResources).hasSizeGreaterThanOrEqualTo(6);
        for (Object resource : orgResources) {
            assertThat(reachesCrossTenant(resource, new IdentityHashMap<>()))
                .as(resource.getClass().getSimpleName() + " must not reach CrossTenantDb").isFalse();
        }
    }

    /** The objects registered with Jersey; Dropwizard wraps each resource instance in a binder that holds it. */
    private static List<Object> registeredObjects() throws IllegalAccessException {
        List<Object> objects = new ArrayList<>();
        for (Object instance : APP.getEnvironment().jersey().getResourceConfig().getInstances()) {
            if (!instance.getClass().getName().contains("SpecificBinder")) {
                objects.add(instance);
                continue;
            }
            for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if ("object".equals(f.getName()) && !Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        objects.add(f.get(instance));
                    }
                }
            }
        }
        return objects;
    }

    /** Walks the fields of our own classes (and collections of them), guarding against cycles. */
    private static boolean reachesCrossTenant(Object o, Map<Object, Boolean> seen) throws IllegalAccessException {
        if (o == null || seen.put(o, true) != null) {
            return false;
        }
        if (o instanceof CrossTenantDb) {
            return true;
        }
        if (o instanceof java.util.Collection<?> items) {
            for (Object item : items) {
                if (reachesCrossTenant(item, seen)) {
                    return true;
                }
            }
            return false;
        }
        if (o instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                if (reachesCrossTenant(item, seen)) {
                    return true;
                }
            }
            return false;
        }
        if (!o.getClass().getName().startsWith("com.anastig.")) {
            return false;
        }
        for (Class<?> c = o.getClass(); c != null && c.getName().startsWith("com.anastig."); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                f.setAccessible(true);
                if (reachesCrossTenant(f.get(o), seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void everyTableWithAnOrgIdHasForcedRowLevelSecurityForBothRoles() throws Exception {
        List<String> problems = new ArrayList<>();
        int tables = 0;
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT t.relname, t.relrowsecurity, t.relforcerowsecurity,"
                 + " (SELECT count(*) FROM pg_policy p WHERE p.polrelid = t.oid AND p.polroles @> ARRAY[(SELECT oid FROM pg_roles WHERE rolname = '"
                 + APP_ROLE + "')]) AS app_policies,"
                 + " (SELECT count(*) FROM pg_policy p WHERE p.polrelid = t.oid AND p.polroles @> ARRAY[(SELECT oid FROM pg_roles WHERE rolname = '"
                 + CROSS + "')]) AS cross_policies,"
                 + " pg_get_userbyid(t.relowner) AS owner"
                 + " FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
                 + " WHERE n.nspname = 'public' AND t.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid"
                 + " AND a.attname = 'org_id' AND NOT a.attisdropped) OR (n.nspname = 'public' AND t.relname = 'organization')")) {
            while (rs.next()) {
                tables++;
                String t = rs.getString(1);
                if (!rs.getBoolean(2) || !rs.getBoolean(3)) {
                    problems.add(t + ": row-level security not enabled and forced");
                }
                if (rs.getLong(4) == 0 || rs.getLong(5) == 0) {
                    problems.add(t + ": needs a policy for the app role and one for the cross-tenant role");
                }
                if (rs.getString(6).equals(APP_ROLE) || rs.getString(6).equals(CROSS)) {
                    problems.add(t + ": owned by a runtime role");
                }
            }
        }
        assertThat(tables).isGreaterThanOrEqualTo(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void aQueryThatForgetsItsScopeSeesNothingAndOneScopeSeesOnlyItself() {
        TenantDb db = new TenantDb(DB.jdbiAsApp());
        OrgId a = OrgId.random();
        OrgId b = OrgId.random();
        java.util.UUID owner = java.util.UUID.randomUUID();
        for (OrgId org : List.of(a, b)) {
            db.inOrg(org, owner, t -> t.handle().createUpdate("INSERT INTO organization (id, name, created_at, created_by)"
                + " VALUES (:id, 'x', now(), :owner)").bind("id", org.value()).bind("owner", owner).execute());
        }
        long unscoped = DB.jdbiAsApp().withHandle(h -> h.createQuery("SELECT count(*) FROM organization").mapTo(Long.class).one());
        assertThat(unscoped).isZero();
        List<java.util.UUID> seen = db.inOrg(a, null, t -> t.handle().createQuery("SELECT id FROM organization").mapTo(java.util.UUID.class).list());
        assertThat(seen).containsExactly(a.value());
        assertThatThrownBy(() -> db.inOrg(a, null, t -> t.handle().createUpdate("INSERT INTO job (id, org_id, kind, status, run_after,"
            + " created_at, updated_at) VALUES (gen_random_uuid(), :b, 'x', 'queued', now(), now(), now())").bind("b", b.value()).execute()))
            .hasMessageContaining("row-level security");
    }

    @Test
    void theScopeEndsWithItsTransactionOnTheSameConnection() throws Exception {
        try (Connection connection = DB.asApp().getConnection()) {
            org.jdbi.v3.core.Jdbi single = org.jdbi.v3.core.Jdbi.create(connection);
            TenantDb db = new TenantDb(single);
            OrgId org = OrgId.random();
            db.inOrg(org, null, t -> t.handle().createUpdate("INSERT INTO organization (id, name, created_at, created_by)"
                + " VALUES (:id, 'x', now(), gen_random_uuid())").bind("id", org.value()).execute());
            String after = single.withHandle(h -> h.createQuery("SELECT coalesce(current_setting('anastig.org_id', true), '')")
                .mapTo(String.class).one());
            assertThat(after).isEmpty();
            long visible = single.withHandle(h -> h.createQuery("SELECT count(*) FROM organization").mapTo(Long.class).one());
            assertThat(visible).isZero();
        }
    }
}
