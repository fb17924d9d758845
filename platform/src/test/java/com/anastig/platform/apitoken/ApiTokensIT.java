package com.anastig.platform.apitoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.People;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.Teams;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API tokens over real HTTP: bearer without CSRF, scope, expiry, revocation, the creator's role as a ceiling, throttling. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiTokensIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB, Map.<String, Supplier<String>>of(
        "throttle.limits.apiPerToken.capacity", () -> "30", "throttle.limits.apiPerToken.per", () -> "1 minute"));

    private final Teams teams = new Teams(APP);

    private static ApiClient.Answer bearer(String method, String path, String token, Object body) throws Exception {
        return new ApiClient(APP.getLocalPort()).send(method, path, body, Map.of("Authorization", "Bearer " + token));
    }

    private static String create(People.Person who, String org, String role, Instant expiresAt) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "ci " + role, "role", role));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        ApiClient.Answer created = who.api().post("/api/v1/orgs/" + org + "/tokens", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("token").asText();
    }

    @Test
    void aTokenWorksWithoutCsrfOnlyOnItsOrganizationsRoutesAndIsShownOnce() throws Exception {
        Teams.Team team = teams.team("Scripts");
        String token = create(team.admin(), team.orgId(), "editor", null);
        assertThat(token).startsWith("anastig_");
        ApiClient.Answer read = bearer("GET", "/api/v1/orgs/" + team.orgId(), token, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("role").asText()).isEqualTo("editor");
        // an unsafe request with no CSRF token and no cookie: the bearer alone authenticates it
        assertThat(bearer("PATCH", "/api/v1/orgs/" + team.orgId(), token, Map.of("name", "x")).status()).isEqualTo(403);
        assertThat(bearer("GET", "/api/v1/me", token, null).status()).isEqualTo(401);
        assertThat(bearer("GET", "/api/v1/orgs", token, null).status()).isEqualTo(401);

        ApiClient.Answer listed = team.admin().api().get("/api/v1/orgs/" + team.orgId() + "/tokens");
        assertThat(listed.body().toString()).doesNotContain(token).doesNotContain("anastig_");
        assertThat(listed.body().path("items").get(0).path("lastUsedAt").isNull()).isFalse();
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM api_token WHERE encode(token_hash, 'escape') LIKE '%anastig_%'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void aTokenOfOneOrganizationIsNotFoundOnAnother() throws Exception {
        Teams.Team a = teams.team("Alpha");
        People.Person other = teams.people().signedIn("Other");
        String orgB = other.api().post("/api/v1/orgs", Map.of("name", "Beta")).body().path("id").asText();
        String tokenA = create(a.owner(), a.orgId(), "owner", null);
        ApiClient.Answer foreign = bearer("GET", "/api/v1/orgs/" + orgB, tokenA, null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(bearer("DELETE", "/api/v1/orgs/" + orgB, tokenA, null).status()).isEqualTo(404);
        assertThat(other.api().get("/api/v1/orgs/" + orgB).status()).isEqualTo(200);
    }

    @Test
    void revokedAndExpiredTokensStopWorking() throws Exception {
        Teams.Team team = teams.team("Lifetimes");
        String org = team.orgId();
        String token = create(team.admin(), org, "viewer", null);
        String id = team.admin().api().get("/api/v1/orgs/" + org + "/tokens").body().path("items").get(0).path("id").asText();
        assertThat(team.admin().api().send("DELETE", "/api/v1/orgs/" + org + "/tokens/" + id, null, Map.of()).status()).isEqualTo(204);
        ApiClient.Answer revoked = bearer("GET", "/api/v1/orgs/" + org, token, null);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.code()).isEqualTo("invalid_token");

        String expiring = create(team.admin(), org, "viewer", Instant.now().plus(1, ChronoUnit.HOURS));
        assertThat(bearer("GET", "/api/v1/orgs/" + org, expiring, null).status()).isEqualTo(200);
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE org_id = '" + org + "' AND revoked_at IS NULL");
        }
        ApiClient.Answer expired = bearer("GET", "/api/v1/orgs/" + org, expiring, null);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("token_expired");
        assertThat(team.admin().api().post("/api/v1/orgs/" + org + "/tokens",
            Map.of("name", "past", "role", "viewer", "expiresAt", "2001-01-01T00:00:00Z")).code()).isEqualTo("validation_failed");
    }

    @Test
    void aTokenNeverOutranksItsCreator() throws Exception {
        Teams.Team team = teams.team("Ceiling");
        String org = team.orgId();
        assertThat(team.admin().api().post("/api/v1/orgs/" + org + "/tokens", Map.of("name", "too much", "role", "owner")).status())
            .isEqualTo(403);
        assertThat(team.editor().api().post("/api/v1/orgs/" + org + "/tokens", Map.of("name", "editor's", "role", "viewer")).status())
            .isEqualTo(403);
        String token = create(team.admin(), org, "admin", null);
        assertThat(bearer("GET", "/api/v1/orgs/" + org + "/tokens", token, null).status()).isEqualTo(200);
        // the creator is demoted: the token drops with them; the creator leaves: it stops working
        team.owner().api().send("PATCH", "/api/v1/orgs/" + org + "/members/" + team.admin().accountId(), Map.of("role", "viewer"), Map.of());
        assertThat(bearer("GET", "/api/v1/orgs/" + org + "/tokens", token, null).status()).isEqualTo(403);
        assertThat(bearer("GET", "/api/v1/orgs/" + org, token, null).body().path("role").asText()).isEqualTo("viewer");
        team.admin().api().send("DELETE", "/api/v1/orgs/" + org + "/members/" + team.admin().accountId(), null, Map.of());
        assertThat(bearer("GET", "/api/v1/orgs/" + org, token, null).code()).isEqualTo("invalid_token");
    }

    @Test
    void eachTokenIsThrottledOnItsOwn() throws Exception {
        Teams.Team team = teams.team("Busy");
        String busy = create(team.admin(), team.orgId(), "viewer", null);
        String calm = create(team.admin(), team.orgId(), "viewer", null);
        ApiClient.Answer last = null;
        for (int i = 0; i < 31; i++) {
            last = bearer("GET", "/api/v1/orgs/" + team.orgId(), busy, null);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.code()).isEqualTo("throttled");
        assertThat(last.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(bearer("GET", "/api/v1/orgs/" + team.orgId(), calm, null).status()).isEqualTo(200);
    }
}
