package com.anastig.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.tenant.MatrixCallers.Who;
import com.anastig.platform.tenant.RouteTable.Route;
import com.anastig.platform.tenant.TenantFixtures.Tenant;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The isolation matrix, generated from the running application's own route table (Jersey's runtime
 * model): every route under {@code /api/v1/orgs/{orgId}} must have an entry in {@link #EXPECTED}, and
 * every entry a route. Each route is called by every kind of caller (each role by session and by API
 * token, a non-member, nobody, and a token of another organization), in a fresh organization per
 * case, and must answer 401 / 404 (byte for byte like a missing organization) / 403 {@code forbidden}
 * / anything else exactly as the table says. Foreign sub-resource ids answer 404 and leave their
 * organization's rows untouched; an organization id smuggled in the query or a header changes nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationMatrixIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    /** How a route's second path id is made: none, a member's account, an invitation, a token, a storage migration. */
    enum Sub { NONE, MEMBER, SELF_OR_MEMBER, INVITATION, TOKEN, MIGRATION, PROJECT, IMAGE, THUMBNAILED_IMAGE, UPLOAD, MODEL, MODEL_WITH_ARTIFACT, EXPORT, IMPORT }

    /**
     * The lowest role that passes authorization (for sessions; {@code tokenMinimum} for API tokens, when
     * a rule tied to the person differs), how to make the sub-resource id, and a harmless body.
     */
    record Expect(Role minimum, Role tokenMinimum, Sub sub, String body) {
        static Expect of(Role minimum) {
            return new Expect(minimum, minimum, Sub.NONE, null);
        }

        static Expect of(Role minimum, Sub sub, String body) {
            return new Expect(minimum, minimum, sub, body);
        }

        Role minimumFor(Who who) {
            return who.token() ? tokenMinimum : minimum;
        }
    }

    private static final String ORG = OrgScopeFilter.ORG_ROUTE_PREFIX;

    /** THE expectation table. A new route under /api/v1/orgs/{orgId} fails the build until it has a row here. */
    static final Map<Route, Expect> EXPECTED = expected();

    /**
     * Routes being added in parallel branches right now: a row here may lack its route. The integrator
     * empties this set when the branches are merged; a route that exists is checked whether listed or not.
     */
    static final Set<Route> PLANNED = Set.of();

    private static Map<Route, Expect> expected() {
        Map<Route, Expect> t = new LinkedHashMap<>();
        t.put(new Route("GET", ORG), Expect.of(Role.VIEWER));
        t.put(new Route("PATCH", ORG), Expect.of(Role.ADMIN, Sub.NONE, "{\"name\":\"Renamed by the matrix\"}"));
        t.put(new Route("DELETE", ORG), Expect.of(Role.OWNER));
        t.put(new Route("GET", ORG + "/members"), Expect.of(Role.VIEWER));
        t.put(new Route("PATCH", ORG + "/members/{accountId}"), Expect.of(Role.ADMIN, Sub.MEMBER, "{\"role\":\"viewer\"}"));
        // anyone may leave (their own id); removing someone else, which is all a token can do, takes an admin
        t.put(new Route("DELETE", ORG + "/members/{accountId}"), new Expect(Role.VIEWER, Role.ADMIN, Sub.SELF_OR_MEMBER, null));
        t.put(new Route("POST", ORG + "/invitations"), Expect.of(Role.ADMIN, Sub.NONE, "{}"));
        t.put(new Route("GET", ORG + "/invitations"), Expect.of(Role.ADMIN));
        t.put(new Route("DELETE", ORG + "/invitations/{id}"), Expect.of(Role.ADMIN, Sub.INVITATION, null));
        t.put(new Route("POST", ORG + "/tokens"), Expect.of(Role.ADMIN, Sub.NONE, "{}"));
        t.put(new Route("GET", ORG + "/tokens"), Expect.of(Role.ADMIN));
        t.put(new Route("DELETE", ORG + "/tokens/{id}"), Expect.of(Role.ADMIN, Sub.TOKEN, null));
        t.put(new Route("GET", ORG + "/audit-events"), Expect.of(Role.ADMIN));
        t.put(new Route("GET", ORG + "/storage"), Expect.of(Role.ADMIN));
        t.put(new Route("PUT", ORG + "/storage"), Expect.of(Role.ADMIN, Sub.NONE, "{}"));
        t.put(new Route("POST", ORG + "/storage/test"), Expect.of(Role.ADMIN, Sub.NONE, "{}"));
        t.put(new Route("GET", ORG + "/storage/migrations/{id}"), Expect.of(Role.ADMIN, Sub.MIGRATION, null));
        t.put(new Route("POST", ORG + "/storage/migrations/{id}/purge-source"), Expect.of(Role.OWNER, Sub.MIGRATION, null));
        t.put(new Route("GET", ORG + "/usage"), Expect.of(Role.VIEWER));
        String projects = ORG + "/projects";
        String project = projects + "/{projectId}";
        String image = project + "/images/{imageId}";
        t.put(new Route("POST", projects), Expect.of(Role.EDITOR, Sub.NONE, "{\"name\":\"Matrix\",\"type\":\"detection\"}"));
        t.put(new Route("GET", projects), Expect.of(Role.VIEWER));
        t.put(new Route("GET", project), Expect.of(Role.VIEWER, Sub.PROJECT, null));
        t.put(new Route("PATCH", project), Expect.of(Role.EDITOR, Sub.PROJECT, "{\"name\":\"Renamed by the matrix\"}"));
        t.put(new Route("DELETE", project), Expect.of(Role.ADMIN, Sub.PROJECT, null));
        // a JSON body is not an image: 415 for those allowed to upload
        t.put(new Route("POST", project + "/images"), Expect.of(Role.EDITOR, Sub.PROJECT, "{}"));
        t.put(new Route("GET", project + "/images"), Expect.of(Role.VIEWER, Sub.PROJECT, null));
        t.put(new Route("POST", project + "/images/uploads"), Expect.of(Role.EDITOR, Sub.PROJECT, "{}"));
        t.put(new Route("POST", project + "/images/uploads/{uploadId}/complete"), Expect.of(Role.EDITOR, Sub.UPLOAD, null));
        t.put(new Route("GET", image), Expect.of(Role.VIEWER, Sub.IMAGE, null));
        t.put(new Route("DELETE", image), Expect.of(Role.EDITOR, Sub.IMAGE, null));
        t.put(new Route("GET", image + "/content"), Expect.of(Role.VIEWER, Sub.IMAGE, null));
        t.put(new Route("GET", image + "/thumbnail"), Expect.of(Role.VIEWER, Sub.THUMBNAILED_IMAGE, null));
        t.put(new Route("GET", image + "/annotations"), Expect.of(Role.VIEWER, Sub.IMAGE, null));
        t.put(new Route("PUT", image + "/annotations"), Expect.of(Role.EDITOR, Sub.IMAGE, "[]"));
        String model = project + "/models/{modelId}";
        t.put(new Route("POST", project + "/models"), Expect.of(Role.EDITOR, Sub.PROJECT, "{\"name\":\"m\",\"framework\":\"onnx\"}"));
        t.put(new Route("GET", project + "/models"), Expect.of(Role.VIEWER, Sub.PROJECT, null));
        t.put(new Route("GET", model), Expect.of(Role.VIEWER, Sub.MODEL, null));
        t.put(new Route("DELETE", model), Expect.of(Role.EDITOR, Sub.MODEL, null));
        t.put(new Route("PUT", model + "/artifact"), Expect.of(Role.EDITOR, Sub.MODEL, "{\"weights\":[]}"));
        t.put(new Route("GET", model + "/artifact"), Expect.of(Role.VIEWER, Sub.MODEL_WITH_ARTIFACT, null));
        t.put(new Route("POST", project + "/exports"), Expect.of(Role.EDITOR, Sub.PROJECT, "{\"format\":\"coco\"}"));
        t.put(new Route("GET", project + "/exports"), Expect.of(Role.VIEWER, Sub.PROJECT, null));
        t.put(new Route("GET", project + "/exports/{exportId}"), Expect.of(Role.VIEWER, Sub.EXPORT, null));
        // a failed export has nothing to download: 409 for those who may read it
        t.put(new Route("GET", project + "/exports/{exportId}/download"), Expect.of(Role.VIEWER, Sub.EXPORT, null));
        // a JSON body without objectKey: 400 for those allowed to import
        t.put(new Route("POST", project + "/imports"), Expect.of(Role.EDITOR, Sub.PROJECT, "{}"));
        t.put(new Route("GET", project + "/imports/{importId}"), Expect.of(Role.VIEWER, Sub.IMPORT, null));
        return java.util.Collections.unmodifiableMap(t);
    }

    private TenantFixtures fixtures;
    private MatrixCallers callers;
    private List<Route> served;

    @BeforeAll
    void setUp() throws Exception {
        fixtures = new TenantFixtures(DB.asSuperuser());
        callers = MatrixCallers.create(APP, fixtures);
        served = RouteTable.orgRoutes(APP.getEnvironment()).stream().map(RouteTable.Served::route).toList();
    }

    @Test
    void everyRouteUnderAnOrganizationHasAnEntryAndEveryEntryARoute() {
        assertThat(served).as("the route table was read").hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        Set<Route> missingEntries = new TreeSet<>(served);
        missingEntries.removeAll(EXPECTED.keySet());
        assertThat(missingEntries).as("routes under %s without a row in IsolationMatrixIT.EXPECTED", ORG).isEmpty();
        Set<Route> missingRoutes = new TreeSet<>(EXPECTED.keySet());
        missingRoutes.removeAll(served);
        missingRoutes.removeAll(PLANNED);
        assertThat(missingRoutes).as("rows of IsolationMatrixIT.EXPECTED that the application does not serve (not PLANNED)").isEmpty();
        for (Route r : EXPECTED.keySet()) {
            long ids = r.template().chars().filter(c -> c == '{').count();
            assertThat(EXPECTED.get(r).sub() == Sub.NONE).as("%s: a sub-resource id maker exactly when the route has a second id", r)
                .isEqualTo(ids == 1);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRouteForEveryCaller() {
        return served.stream().filter(EXPECTED::containsKey).flatMap(route -> Stream.of(Who.values())
            .map(who -> dynamicTest(route + " as " + who.label(), () -> check(route, EXPECTED.get(route), who))));
    }

    private void check(Route route, Expect expect, Who who) throws Exception {
        Tenant team = callers.freshTeam();
        String sub = subId(expect.sub(), team, who);
        ApiClient.Answer answer = callers.call(who, team, route.method(), MatrixCallers.path(route, team.id(), sub), expect.body(), Map.of());
        String what = route + " as " + who.label() + ": " + answer.status() + " " + answer.raw().body();
        switch (who) {
            case NO_CREDENTIALS -> assertThat(answer.status()).as(what).isEqualTo(401);
            case NON_MEMBER, OTHER_ORG_TOKEN -> {
                ApiClient.Answer missing = callers.call(who, team, route.method(),
                    MatrixCallers.path(route, UUID.randomUUID().toString(), randomIds(route)), expect.body(), Map.of());
                assertThat(answer.status()).as(what).isEqualTo(404);
                assertThat(answer.raw().body()).as(what + " is exactly like a missing organization's 404").isEqualTo(missing.raw().body());
                assertThat(answer.raw().headers().firstValue("Content-Type")).isEqualTo(missing.raw().headers().firstValue("Content-Type"));
            }
            default -> {
                if (who.role().atLeast(expect.minimumFor(who))) {
                    assertThat(answer.status()).as(what + " (authorized: anything but 401/403/404)").isNotIn(401, 403, 404);
                } else {
                    assertThat(answer.status()).as(what).isEqualTo(403);
                    assertThat(answer.code()).as(what).isEqualTo("forbidden");
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> foreignSubResourceIdsAnswer404AndLeaveTheirOrganizationUntouched() {
        return served.stream().filter(r -> EXPECTED.containsKey(r) && EXPECTED.get(r).sub() != Sub.NONE)
            .map(route -> dynamicTest(route.toString(), () -> {
                Expect expect = EXPECTED.get(route);
                Tenant team = callers.freshTeam();
                Tenant other = callers.freshOther();
                String foreign = foreignSubId(expect.sub(), other);
                var before = fixtures.snapshot(other.org());
                for (Who who : List.of(Who.OWNER, Who.OWNER_TOKEN)) {
                    ApiClient.Answer answer = callers.call(who, team, route.method(), MatrixCallers.path(route, team.id(), foreign),
                        expect.body(), Map.of());
                    ApiClient.Answer missing = callers.call(who, team, route.method(),
                        MatrixCallers.path(route, team.id(), randomIds(route)), expect.body(), Map.of());
                    String what = route + " as " + who.label() + " with another organization's id: " + answer.status();
                    assertThat(answer.status()).as(what).isEqualTo(404);
                    assertThat(answer.raw().body()).as(what).isEqualTo(missing.raw().body());
                }
                assertThat(fixtures.snapshot(other.org())).as("the other organization's rows after %s", route).isEqualTo(before);
            }));
    }

    @Test
    void anOrganizationIdSmuggledInTheQueryOrAHeaderNeverChangesTheScope() throws Exception {
        Tenant team = callers.freshTeam();
        Tenant mine = callers.secondOrgOfTheOwner();
        String smuggle = "?orgId=" + mine.id();
        Map<String, String> header = Map.of("X-Org-Id", mine.id());
        var before = fixtures.snapshot(mine.org());
        List<String> problems = new ArrayList<>();
        for (Route route : served) {
            if (!route.method().equals("GET") || EXPECTED.getOrDefault(route, Expect.of(Role.OWNER)).sub() != Sub.NONE) {
                continue;
            }
            String path = MatrixCallers.path(route, team.id(), null);
            for (Who who : List.of(Who.OWNER, Who.OWNER_TOKEN)) {
                ApiClient.Answer plain = callers.call(who, team, "GET", path, null, Map.of());
                ApiClient.Answer smuggled = callers.call(who, team, "GET", path + smuggle, null, header);
                if (plain.status() != smuggled.status() || smuggled.raw().body().contains(mine.id())) {
                    problems.add(route + " as " + who.label() + ": " + smuggled.status() + " " + smuggled.raw().body());
                }
            }
        }
        assertThat(problems).as("answers that changed or named the smuggled organization").isEmpty();
        ApiClient.Answer org = callers.call(Who.OWNER, team, "GET", "/api/v1/orgs/" + team.id() + smuggle, null, header);
        assertThat(org.body().path("id").asText()).isEqualTo(team.id());
        ApiClient.Answer members = callers.call(Who.OWNER, team, "GET", "/api/v1/orgs/" + team.id() + "/members" + smuggle, null, header);
        assertThat(members.body().path("items")).hasSize(5);

        // a non-member of the path's organization gets 404 whatever it names elsewhere; a token is bound to its own organization
        Tenant other = callers.other();
        Map<String, String> otherHeader = Map.of("X-Org-Id", other.id());
        String toTeam = "/api/v1/orgs/" + team.id() + "?orgId=" + other.id();
        assertThat(callers.call(Who.NON_MEMBER, team, "GET", toTeam, null, otherHeader).status()).isEqualTo(404);
        assertThat(callers.call(Who.OTHER_ORG_TOKEN, team, "GET", toTeam, null, otherHeader).status()).isEqualTo(404);
        assertThat(callers.call(Who.OWNER_TOKEN, team, "GET", "/api/v1/orgs/" + mine.id() + "?orgId=" + team.id(), null,
            Map.of("X-Org-Id", team.id())).status()).isEqualTo(404);

        // ... or in a body
        ApiClient.Answer renamed = callers.call(Who.OWNER, team, "PATCH", "/api/v1/orgs/" + team.id() + smuggle,
            "{\"name\":\"Smuggled\",\"orgId\":\"" + mine.id() + "\"}", header);
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(fixtures.snapshot(mine.org())).isEqualTo(before);
    }

    /** As many random ids as the route has after the organization's, joined by '|'. */
    private static String randomIds(Route route) {
        long n = route.template().chars().filter(c -> c == '{').count() - 1;
        return java.util.stream.Stream.generate(() -> UUID.randomUUID().toString()).limit(Math.max(1, n))
            .collect(java.util.stream.Collectors.joining("|"));
    }

    private String subId(Sub sub, Tenant team, Who who) throws Exception {
        return switch (sub) {
            case NONE -> null;
            case MEMBER -> callers.victim().toString();
            case SELF_OR_MEMBER -> who.person() ? callers.accountOf(who).toString() : callers.victim().toString();
            case INVITATION -> fixtures.invitation(team.org(), callers.owner()).toString();
            case TOKEN -> fixtures.token(team.org(), callers.owner()).toString();
            case MIGRATION -> fixtures.migration(team.org(), callers.owner()).toString();
            case PROJECT -> fixtures.project(team.org()).toString();
            case IMAGE -> callers.image(team, false);
            case THUMBNAILED_IMAGE -> callers.image(team, true);
            case UPLOAD -> fixtures.upload(team.org());
            case MODEL -> callers.model(team, false);
            case MODEL_WITH_ARTIFACT -> callers.model(team, true);
            case EXPORT -> fixtures.export(team.org());
            case IMPORT -> fixtures.importOf(team.org());
        };
    }

    /** An id that exists in {@code other} (whose only member is the outsider) and not in the team's organization. */
    private String foreignSubId(Sub sub, Tenant other) throws Exception {
        return switch (sub) {
            case NONE -> null;
            case MEMBER, SELF_OR_MEMBER -> callers.outsider().toString();
            case INVITATION -> fixtures.invitation(other.org(), callers.outsider()).toString();
            case TOKEN -> fixtures.token(other.org(), callers.outsider()).toString();
            case MIGRATION -> fixtures.migration(other.org(), callers.outsider()).toString();
            case PROJECT -> fixtures.project(other.org()).toString();
            // with its thumbnail made, so that no job changes the other organization's rows during the check
            case IMAGE, THUMBNAILED_IMAGE -> callers.image(other, true);
            case UPLOAD -> fixtures.upload(other.org());
            case MODEL, MODEL_WITH_ARTIFACT -> callers.model(other, true);
            case EXPORT -> fixtures.export(other.org());
            case IMPORT -> fixtures.importOf(other.org());
        };
    }
}
