package com.anastig.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An ordinary request cannot reach the cross-tenant role: the application role can neither become it
 * nor holds it; no {@link CrossTenantDb} is reachable from any object that serves an organization's
 * route (resources, and every registered provider, which runs on every request); and every table with
 * an {@code org_id}, including ones added later, has forced row-level security with both policies,
 * owned by neither runtime role, neither of which bypasses it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CrossTenantReachIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    private String app() {
        return APP.getConfiguration().database().app().user();
    }

    private String crossTenant() {
        return APP.getConfiguration().database().crossTenant().user();
    }

    private String owner() {
        return APP.getConfiguration().database().owner().user();
    }

    @Test
    void theApplicationRoleCannotBecomeTheCrossTenantRoleNorTheOwner() throws Exception {
        for (String target : List.of(crossTenant(), owner())) {
            try (Connection c = DB.asApp().getConnection(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("SET ROLE " + target)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("permission denied").isEqualTo("42501"));
            }
        }
        Jdbi su = Jdbi.create(DB.asSuperuser());
        su.useHandle(h -> {
            for (String target : List.of(crossTenant(), owner())) {
                assertThat(h.createQuery("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid"
                        + " JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = :target AND u.rolname = :app")
                    .bind("target", target).bind("app", app()).mapTo(Long.class).one()).as("direct membership in %s", target).isZero();
                assertThat(h.createQuery("SELECT pg_has_role(:app, :target, 'MEMBER')").bind("app", app()).bind("target", target)
                    .mapTo(Boolean.class).one()).as("membership in %s, directly or not", target).isFalse();
            }
        });
    }

    @Test
    void noCrossTenantDbIsReachableFromWhatServesAnOrganizationsRoute() throws Exception {
        List<RouteTable.Served> routes = RouteTable.orgRoutes(APP.getEnvironment());
        List<String> perRequest = routes.stream().filter(r -> r.instance() == null).map(r -> r.route().toString()).toList();
        assertThat(perRequest).as("organization routes served by a per-request instance (cannot be walked)").isEmpty();
        List<Object> roots = new ArrayList<>();
        routes.forEach(r -> roots.add(r.instance()));
        for (Object o : RouteTable.runtimeConfig(APP.getEnvironment()).getInstances()) {
            if (!o.getClass().isAnnotationPresent(jakarta.ws.rs.Path.class) && o.getClass().getName().startsWith("com.anastig.")) {
                roots.add(o); // filters, mappers, writers: they run on every request, organization routes included
            }
        }
        assertThat(roots.stream().map(o -> o.getClass().getSimpleName()).toList()).contains("OrgScopeFilter", "OrgResource",
            "SessionFilter");

        // one walk per root, so that every root's own path is reported
        List<String> paths = new ArrayList<>();
        Map<String, Jdbi> jdbis = new java.util.LinkedHashMap<>();
        int walked = 0;
        for (Object root : new java.util.LinkedHashSet<>(roots)) {
            ObjectGraph graph = new ObjectGraph();
            graph.walk(root, root.getClass().getSimpleName());
            paths.addAll(graph.crossTenant());
            graph.jdbis().forEach((path, jdbi) -> {
                if (!jdbis.containsValue(jdbi)) {
                    jdbis.put(path, jdbi);
                }
            });
            walked += graph.objects();
        }
        assertThat(paths).as("paths from request-serving objects to a CrossTenantDb").isEmpty();
        assertThat(walked).as("objects walked").isGreaterThan(roots.size());
        assertThat(jdbis).as("connection pools reachable from requests").isNotEmpty();
        for (Map.Entry<String, Jdbi> e : jdbis.entrySet()) {
            String user = e.getValue().withHandle(h -> h.createQuery("SELECT current_user").mapTo(String.class).one());
            assertThat(user).as("the role of the pool at %s", e.getKey()).isEqualTo(app());
        }
    }

    @Test
    void everyTableWithAnOrgIdHasForcedRowLevelSecurityAndBothPolicies() {
        Jdbi su = Jdbi.create(DB.asSuperuser());
        su.useHandle(h -> {
            List<String> tables = new ArrayList<>(TenantFixtures.orgTables(h));
            tables.add("organization"); // the tenants themselves: keyed on id
            assertThat(tables).as("tenant tables found").contains("organization", "membership", "invitation", "api_token",
                "audit_event", "job").hasSizeGreaterThanOrEqualTo(9);
            List<String> problems = new ArrayList<>();
            for (String table : tables) {
                Map<String, Object> c = h.createQuery("SELECT c.relkind::text AS kind, c.relrowsecurity AS rls, c.relforcerowsecurity AS force,"
                        + " pg_get_userbyid(c.relowner) AS owner, coalesce(array_to_string(c.reloptions, ','), '') AS options"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = :t")
                    .bind("t", table).mapToMap().one();
                String kind = (String) c.get("kind");
                if (kind.equals("v")) {
                    if (!((String) c.get("options")).contains("security_invoker=true")) {
                        problems.add(table + ": a view over tenant data must be security_invoker");
                    }
                    continue;
                }
                if (!kind.equals("r") && !kind.equals("p")) {
                    problems.add(table + ": relkind " + kind + " cannot carry row-level security");
                    continue;
                }
                if (!Boolean.TRUE.equals(c.get("rls")) || !Boolean.TRUE.equals(c.get("force"))) {
                    problems.add(table + ": row-level security " + c.get("rls") + ", forced " + c.get("force"));
                }
                if (Set.of(app(), crossTenant()).contains((String) c.get("owner"))) {
                    problems.add(table + ": owned by the runtime role " + c.get("owner"));
                }
                Set<String> roles = new TreeSet<>(h.createQuery("SELECT unnest(roles)::text FROM pg_policies WHERE schemaname = 'public'"
                    + " AND tablename = :t").bind("t", table).mapTo(String.class).list());
                if (!roles.contains(app()) || !roles.contains(crossTenant())) {
                    problems.add(table + ": policies for " + roles + ", needs " + app() + " and " + crossTenant());
                }
                if (roles.contains("public")) {
                    problems.add(table + ": a policy for PUBLIC");
                }
            }
            assertThat(problems).isEmpty();

            for (String role : List.of(app(), crossTenant())) {
                Map<String, Object> r = h.createQuery("SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = :r")
                    .bind("r", role).mapToMap().one();
                assertThat(r).as(role).containsEntry("rolsuper", false).containsEntry("rolbypassrls", false)
                    .containsEntry("rolcreaterole", false);
                assertThat(h.createQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = :r").bind("r", role).mapTo(Long.class).one())
                    .as("relations owned by %s", role).isZero();
                assertThat(h.createQuery("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                        + " WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) = :r").bind("r", role).mapTo(Long.class).one())
                    .as("functions owned by %s", role).isZero();
            }
        });
    }
}
