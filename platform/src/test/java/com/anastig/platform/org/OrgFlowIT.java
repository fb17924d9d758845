package com.anastig.platform.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.People;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Organizations over real HTTP: the first one from sign-up, create, list, rename, delete and purge, and what outsiders see. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OrgFlowIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    private final People people = new People(APP);

    @Test
    void theOrganizationNamedAtSignUpIsCreatedOnVerificationWithTheCreatorAsOwner() throws Exception {
        People.Person alice = people.signedIn("Alice", "Alice Labs");
        ApiClient.Answer mine = alice.api().get("/api/v1/orgs");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().path("items")).hasSize(1);
        assertThat(mine.body().path("items").get(0).path("name").asText()).isEqualTo("Alice Labs");
        assertThat(mine.body().path("items").get(0).path("role").asText()).isEqualTo("owner");
        assertThat(alice.api().get("/api/v1/session").body().path("organizations").get(0).path("name").asText()).isEqualTo("Alice Labs");
    }

    @Test
    void createRenameAndReadAndOutsidersSeeNothing() throws Exception {
        People.Person alice = people.signedIn("Alice");
        People.Person bob = people.signedIn("Bob");
        ApiClient.Answer created = alice.api().post("/api/v1/orgs", Map.of("name", "  Vision Team "));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("name").asText()).isEqualTo("Vision Team");
        String id = created.body().path("id").asText();

        assertThat(alice.api().send("PATCH", "/api/v1/orgs/" + id, Map.of("name", "Renamed"), Map.of()).body().path("name").asText())
            .isEqualTo("Renamed");
        assertThat(alice.api().get("/api/v1/orgs/" + id).body().path("name").asText()).isEqualTo("Renamed");

        ApiClient.Answer foreign = bob.api().get("/api/v1/orgs/" + id);
        ApiClient.Answer missing = bob.api().get("/api/v1/orgs/" + UUID.randomUUID());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body());
        assertThat(bob.api().get("/api/v1/orgs/not-a-uuid").status()).isEqualTo(404);
        assertThat(bob.api().send("PATCH", "/api/v1/orgs/" + id, Map.of("name", "Hijacked"), Map.of()).status()).isEqualTo(404);
        assertThat(bob.api().send("DELETE", "/api/v1/orgs/" + id, null, Map.of()).status()).isEqualTo(404);
        assertThat(alice.api().get("/api/v1/orgs/" + id).body().path("name").asText()).isEqualTo("Renamed");
    }

    @Test
    void myOrganizationsArePagedWithAnOpaqueCursor() throws Exception {
        People.Person carol = people.signedIn("Carol");
        java.util.Set<String> created = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            created.add(carol.api().post("/api/v1/orgs", Map.of("name", "Org " + i)).body().path("id").asText());
        }
        ApiClient.Answer first = carol.api().get("/api/v1/orgs?limit=2");
        assertThat(first.body().path("items")).hasSize(2);
        String cursor = first.body().path("nextCursor").asText();
        ApiClient.Answer second = carol.api().get("/api/v1/orgs?limit=2&cursor=" + cursor);
        assertThat(second.body().path("items")).hasSize(1);
        assertThat(second.body().path("nextCursor").isNull()).isTrue();
        java.util.Set<String> seen = new java.util.HashSet<>();
        first.body().path("items").forEach(i -> seen.add(i.path("id").asText()));
        second.body().path("items").forEach(i -> seen.add(i.path("id").asText()));
        assertThat(seen).isEqualTo(created);
        assertThat(carol.api().get("/api/v1/orgs?cursor=!!!").code()).isEqualTo("invalid_cursor");
        assertThat(carol.api().get("/api/v1/orgs?cursor=bm90LWEtdXVpZA").code()).isEqualTo("invalid_cursor");
        assertThat(carol.api().get("/api/v1/orgs?limit=501").code()).isEqualTo("invalid_limit");
        assertThat(carol.api().get("/api/v1/orgs?limit=0").code()).isEqualTo("invalid_limit");
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        People.Person alice = people.signedIn("Alice");
        String id = alice.api().post("/api/v1/orgs", Map.of("name", "Kept")).body().path("id").asText();
        String other = alice.api().post("/api/v1/orgs", Map.of("name", "Other")).body().path("id").asText();
        assertThat(alice.api().post("/api/v1/orgs", Map.of("name", " ")).code()).isEqualTo("validation_failed");
        assertThat(alice.api().post("/api/v1/orgs", Map.of("name", "x".repeat(201))).status()).isEqualTo(400);
        // the organization comes from the path only: an orgId in the body is an unknown field
        ApiClient.Answer smuggled = alice.api().send("PATCH", "/api/v1/orgs/" + id, Map.of("name", "New", "orgId", other), Map.of());
        assertThat(smuggled.status()).isEqualTo(400);
        assertThat(alice.api().get("/api/v1/orgs/" + id).body().path("name").asText()).isEqualTo("Kept");
        assertThat(alice.api().get("/api/v1/orgs/" + other).body().path("name").asText()).isEqualTo("Other");
    }

    @Test
    void withoutASessionOrWithABadTokenItIs401AndWithoutCsrf403() throws Exception {
        People.Person alice = people.signedIn("Alice");
        String id = alice.api().post("/api/v1/orgs", Map.of("name", "Guarded")).body().path("id").asText();
        ApiClient anonymous = new ApiClient(APP.getLocalPort());
        assertThat(anonymous.get("/api/v1/orgs/" + id).status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/orgs").status()).isEqualTo(401);
        ApiClient.Answer garbage = anonymous.send("GET", "/api/v1/orgs/" + id, null, Map.of("Authorization", "Bearer anastig_nonsense"));
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.code()).isEqualTo("invalid_token");
        alice.api().forgetCsrf();
        assertThat(alice.api().send("PATCH", "/api/v1/orgs/" + id, Map.of("name", "Forged"), Map.of()).code()).isEqualTo("csrf_failed");
        alice.api().withCsrf();
        assertThat(alice.api().get("/api/v1/orgs/" + id).body().path("name").asText()).isEqualTo("Guarded");
    }

    @Test
    void deletingHidesTheOrganizationAtOnceAndThePurgeRemovesItsRowsButKeepsItsAuditChain() throws Exception {
        People.Person alice = people.signedIn("Alice");
        String id = alice.api().post("/api/v1/orgs", Map.of("name", "Doomed")).body().path("id").asText();
        ApiClient.Answer deleted = alice.api().send("DELETE", "/api/v1/orgs/" + id, null, Map.of());
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(alice.api().get("/api/v1/orgs/" + id).status()).isEqualTo(404);
        assertThat(alice.api().get("/api/v1/orgs").body().path("items").toString()).doesNotContain(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM organization WHERE id = '" + id + "'") == 0);
        assertThat(count("SELECT count(*) FROM membership WHERE org_id = '" + id + "'")).isZero();
        assertThat(count("SELECT count(*) FROM audit_event WHERE org_id = '" + id + "' AND action IN ('org.created', 'org.deleted', 'org.purged')"))
            .isEqualTo(3);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
