package com.anastig.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.People;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.Teams;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The isolation matrix: every route under {@code /api/v1/orgs/{orgId}} that the running application
 * serves (read from its own resource classes) against a written table of the least role each needs.
 * A route missing from the table, or a table row without a route, fails the build. For every route:
 * no credentials 401; a non-member and another organization's token 404, exactly like a missing
 * organization; each role and each role's token below the least role 403, at or above it never
 * 401/403/404 on the organization; ids of another organization's members, invitations, tokens and
 * migrations 404 and change nothing there.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class IsolationMatrixIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    /** What a sub-resource id in a route stands for, so another organization's can be used. */
    enum Sub { NONE, MEMBER, INVITATION, TOKEN, MIGRATION }

    record Expect(Role least, Sub sub, boolean destroysOrg) {
    }

    /** The written table. Adding a route without a row here fails this test. */
    static final Map<String, Expect> TABLE = new LinkedHashMap<>();

    static {
        row("GET /api/v1/orgs/{orgId}", Role.VIEWER, Sub.NONE);
        row("PATCH /api/v1/orgs/{orgId}", Role.ADMIN, Sub.NONE);
        TABLE.put("DELETE /api/v1/orgs/{orgId}", new Expect(Role.OWNER, Sub.NONE, true));
        row("GET /api/v1/orgs/{orgId}/members", Role.VIEWER, Sub.NONE);
        row("PATCH /api/v1/orgs/{orgId}/members/{accountId}", Role.ADMIN, Sub.MEMBER);
        // anyone may leave (their own id); removing someone else takes an admin
        row("DELETE /api/v1/orgs/{orgId}/members/{accountId}", Role.ADMIN, Sub.MEMBER);
        row("POST /api/v1/orgs/{orgId}/invitations", Role.ADMIN, Sub.NONE);
        row("GET /api/v1/orgs/{orgId}/invitations", Role.ADMIN, Sub.NONE);
        row("DELETE /api/v1/orgs/{orgId}/invitations/{id}", Role.ADMIN, Sub.INVITATION);
        row("POST /api/v1/orgs/{orgId}/tokens", Role.ADMIN, Sub.NONE);
        row("GET /api/v1/orgs/{orgId}/tokens", Role.ADMIN, Sub.NONE);
        row("DELETE /api/v1/orgs/{orgId}/tokens/{id}", Role.ADMIN, Sub.TOKEN);
        row("GET /api/v1/orgs/{orgId}/audit-events", Role.ADMIN, Sub.NONE);
        row("GET /api/v1/orgs/{orgId}/usage", Role.VIEWER, Sub.NONE);
        row("GET /api/v1/orgs/{orgId}/storage", Role.ADMIN, Sub.NONE);
        row("PUT /api/v1/orgs/{orgId}/storage", Role.ADMIN, Sub.NONE);
        row("POST /api/v1/orgs/{orgId}/storage/test", Role.ADMIN, Sub.NONE);
        row("GET /api/v1/orgs/{orgId}/storage/migrations/{id}", Role.ADMIN, Sub.MIGRATION);
        row("POST /api/v1/orgs/{orgId}/storage/migrations/{id}/purge-source", Role.OWNER, Sub.MIGRATION);
    }

    private static void row(String route, Role least, Sub sub) {
        TABLE.put(route, new Expect(least, sub, false));
    }

    private static Teams.Team a;
    private static Teams.Team b;
    private static People.Person outsider;
    private static final Map<Role, String> A_TOKENS = new LinkedHashMap<>();
    private static String bToken;
    private static final Map<Sub, String> B_IDS = new LinkedHashMap<>();

    @BeforeAll
    static void fixtures() throws Exception {
        Teams teams = new Teams(APP);
        a = teams.team("Alpha");
        b = teams.team("Beta");
        outsider = teams.people().signedIn("Outsider");
        for (Role r : Role.values()) {
            A_TOKENS.put(r, a.owner().api().post("/api/v1/orgs/" + a.orgId() + "/tokens", Map.of("name", "m-" + r.wire(), "role", r.wire()))
                .body().path("token").asText());
        }
        bToken = b.owner().api().post("/api/v1/orgs/" + b.orgId() + "/tokens", Map.of("name", "b", "role", "owner")).body().path("token").asText();
        B_IDS.put(Sub.MEMBER, b.viewer().accountId().toString());
        teams.invite(b.owner(), b.orgId(), "pending-" + UUID.randomUUID() + "@example.test", "viewer");
        B_IDS.put(Sub.INVITATION, b.owner().api().get("/api/v1/orgs/" + b.orgId() + "/invitations").body().path("items").get(0).path("id").asText());
        B_IDS.put(Sub.TOKEN, b.owner().api().get("/api/v1/orgs/" + b.orgId() + "/tokens").body().path("items").get(0).path("id").asText());
        String migration = UUID.randomUUID().toString();
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO storage_migration (id, org_id, job_id, status, source_setting, target_setting, created_by, created_at,"
                + " finished_at) VALUES ('" + migration + "', '" + b.orgId() + "', '" + UUID.randomUUID() + "', 'done', '{\"mode\":\"managed\"}',"
                + " '{\"mode\":\"managed\"}', '" + b.owner().accountId() + "', now(), now())");
        }
        B_IDS.put(Sub.MIGRATION, migration);
    }

    /** The routes under /api/v1/orgs/{orgId} of every resource class the running application registered. */
    static Set<String> servedRoutes() {
        Set<Class<?>> classes = new java.util.HashSet<>(APP.getEnvironment().jersey().getResourceConfig().getClasses());
        APP.getEnvironment().jersey().getResourceConfig().getInstances().forEach(i -> classes.add(i.getClass()));
        Set<String> routes = new TreeSet<>();
        for (Class<?> type : classes) {
            for (Method m : type.getMethods()) {
                String verb = httpMethod(m);
                String template = OrgScopeFilter.template(type, m);
                if (verb != null && template.startsWith(OrgScopeFilter.ORG_ROUTE_PREFIX)) {
                    routes.add(verb + " " + template);
                }
            }
        }
        return routes;
    }

    private static String httpMethod(Method m) {
        for (Annotation an : m.getAnnotations()) {
            HttpMethod verb = an.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    @Test
    void theTableCoversExactlyTheRoutesTheApplicationServes() {
        Set<String> served = servedRoutes();
        assertThat(served).as("routes without a row in IsolationMatrixIT.TABLE").isSubsetOf(TABLE.keySet());
        assertThat(TABLE.keySet()).as("rows for routes the application does not serve").isSubsetOf(served);
    }

    private static String path(String route, String org, Sub sub, String subId) {
        String path = route.substring(route.indexOf(' ') + 1).replace("{orgId}", org);
        return sub == Sub.NONE ? path : path.replaceAll("\\{[a-zA-Z]+\\}", subId);
    }

    private static ApiClient.Answer call(ApiClient client, String route, String path, String bearer) throws Exception {
        String verb = route.substring(0, route.indexOf(' '));
        Object body = Set.of("POST", "PUT", "PATCH").contains(verb) ? Map.of() : null;
        return client.send(verb, path, body, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }

    @Test
    void everyRouteForEveryRoleTokenAndStranger() throws Exception {
        List<String> failures = new ArrayList<>();
        ApiClient anonymous = new ApiClient(APP.getLocalPort());
        ApiClient.Answer missing = outsider.api().get("/api/v1/orgs/" + UUID.randomUUID());
        for (Map.Entry<String, Expect> row : TABLE.entrySet()) {
            String route = row.getKey();
            Expect expect = row.getValue();
            String randomSub = UUID.randomUUID().toString();
            if (expect.destroysOrg()) {
                continue; // below, on organizations made for it
            }
            String p = path(route, a.orgId(), expect.sub(), randomSub);
            check(failures, route + " anonymous", call(anonymous, route, p, null), 401);
            ApiClient.Answer stranger = call(outsider.api(), route, p, null);
            check(failures, route + " non-member", stranger, 404);
            if (stranger.status() == 404 && !stranger.body().equals(missing.body())) {
                failures.add(route + " non-member: 404 body differs from a missing organization's");
            }
            check(failures, route + " other org's token", call(anonymous, route, p, bToken), 404);
            for (Role role : Role.values()) {
                boolean allowed = role.atLeast(expect.least());
                expectRole(failures, route + " as " + role.wire(), call(a.as(role.wire()).api(), route, p, null), allowed);
                expectRole(failures, route + " token " + role.wire(), call(anonymous, route, p, A_TOKENS.get(role)), allowed);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void check(List<String> failures, String what, ApiClient.Answer answer, int status) {
        if (answer.status() != status) {
            failures.add(what + ": expected " + status + " but got " + answer.status() + " " + answer.body());
        }
    }

    private static void expectRole(List<String> failures, String what, ApiClient.Answer answer, boolean allowed) {
        if (allowed && Set.of(401, 403).contains(answer.status())) {
            failures.add(what + ": allowed but got " + answer.status() + " " + answer.body());
        }
        if (!allowed && (answer.status() != 403 || !"forbidden".equals(answer.code()))) {
            failures.add(what + ": expected 403 forbidden but got " + answer.status() + " " + answer.body());
        }
    }

    @Test
    void deletingAnOrganizationIsForOwnersOnly() throws Exception {
        Teams teams = new Teams(APP);
        Teams.Team doomed = teams.team("Doomed");
        String path = "/api/v1/orgs/" + doomed.orgId();
        for (String role : List.of("viewer", "editor", "admin")) {
            assertThat(doomed.as(role).api().send("DELETE", path, null, Map.of()).status()).as(role).isEqualTo(403);
        }
        assertThat(outsider.api().send("DELETE", path, null, Map.of()).status()).isEqualTo(404);
        assertThat(new ApiClient(APP.getLocalPort()).send("DELETE", path, null, Map.of("Authorization", "Bearer " + bToken)).status()).isEqualTo(404);
        assertThat(doomed.owner().api().send("DELETE", path, null, Map.of()).status()).isEqualTo(202);
    }

    @Test
    void anotherOrganizationsIdsAreNotFoundAndChangeNothing() throws Exception {
        String before = snapshot(b.orgId());
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Expect> row : TABLE.entrySet()) {
            if (row.getValue().sub() == Sub.NONE) {
                continue;
            }
            String p = path(row.getKey(), a.orgId(), row.getValue().sub(), B_IDS.get(row.getValue().sub()));
            // a well-formed body, so only the id decides
            check(failures, row.getKey() + " with B's id as A's owner", call(a.owner().api(), row.getKey(), p, null), 404);
            if (row.getKey().startsWith("PATCH")) {
                check(failures, row.getKey() + " with B's id and a valid body", a.owner().api().send("PATCH", p, Map.of("role", "owner"),
                    Map.of()), 404);
            }
            check(failures, row.getKey() + " with B's id and A's owner token", call(new ApiClient(APP.getLocalPort()), row.getKey(), p,
                A_TOKENS.get(Role.OWNER)), 404);
        }
        assertThat(failures).isEmpty();
        assertThat(snapshot(b.orgId())).isEqualTo(before);
    }

    @Test
    void theOrganizationComesFromThePathOnlyNeverFromQueryOrHeaders() throws Exception {
        ApiClient.Answer members = a.owner().api().send("GET", "/api/v1/orgs/" + a.orgId() + "/members?orgId=" + b.orgId(), null,
            Map.of("X-Org-Id", b.orgId(), "X-Organization", b.orgId()));
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body().toString()).contains(a.owner().accountId().toString()).doesNotContain(b.owner().accountId().toString());
        ApiClient.Answer intoB = a.owner().api().send("GET", "/api/v1/orgs/" + b.orgId() + "/members?orgId=" + a.orgId(), null,
            Map.of("X-Org-Id", a.orgId()));
        assertThat(intoB.status()).isEqualTo(404);
    }

    private static String snapshot(String org) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of(
                "SELECT account_id, role, suspended_at FROM membership WHERE org_id = '%s' ORDER BY account_id",
                "SELECT id, role, revoked_at, accepted_at FROM invitation WHERE org_id = '%s' ORDER BY id",
                "SELECT id, role, revoked_at FROM api_token WHERE org_id = '%s' ORDER BY id",
                "SELECT id, status, purge_job_id FROM storage_migration WHERE org_id = '%s' ORDER BY id",
                "SELECT name, deleted_at FROM organization WHERE id = '%s'")) {
                try (ResultSet rs = s.executeQuery(String.format(sql, org))) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            sb.append(rs.getString(i)).append('|');
                        }
                        sb.append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }
}
