package com.anastig.platform.session;

import static com.anastig.platform.testing.Fixtures.PASSWORD;
import static com.anastig.platform.testing.Fixtures.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.Outbox;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Session fixation, foreign CSRF tokens, non-JSON logins and revocation of one's own sessions, over real HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionSecurityIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    private String account() throws Exception {
        Outbox outbox = new Outbox(Path.of(APP.getConfiguration().mail().provider().settings().get("outbox")));
        ApiClient api = new ApiClient(APP.getLocalPort());
        String email = "sec-" + UUID.randomUUID() + "@example.test";
        int before = outbox.mails().size();
        api.post("/api/v1/accounts", signUp(email, "Sec"));
        api.post("/api/v1/accounts/verify-email", Map.of("token", Outbox.token(outbox.await(before, email), "/verify-email")));
        return email;
    }

    @Test
    void aPlantedSessionCookieIsNeverAdoptedNorKept() throws Exception {
        String victim = account();
        String attacker = account();
        ApiClient attackerBrowser = new ApiClient(APP.getLocalPort());
        attackerBrowser.post("/api/v1/session", Map.of("email", attacker, "password", PASSWORD));
        String planted = attackerBrowser.cookie();

        ApiClient victimBrowser = new ApiClient(APP.getLocalPort());
        victimBrowser.cookie(planted);
        assertThat(victimBrowser.post("/api/v1/session", Map.of("email", victim, "password", PASSWORD)).status()).isEqualTo(200);
        assertThat(victimBrowser.cookie()).isNotEqualTo(planted);
        assertThat(victimBrowser.get("/api/v1/session").body().path("account").path("email").asText()).isEqualTo(victim);
        assertThat(attackerBrowser.get("/api/v1/session").status()).isEqualTo(401);

        ApiClient forged = new ApiClient(APP.getLocalPort());
        forged.cookie("anastig_session=" + "A".repeat(43));
        assertThat(forged.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void anotherSessionsCsrfTokenIsRefused() throws Exception {
        String email = account();
        ApiClient one = new ApiClient(APP.getLocalPort());
        one.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
        ApiClient two = new ApiClient(APP.getLocalPort());
        two.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
        String twosToken = two.get("/api/v1/session").body().path("csrfToken").asText();
        assertThat(one.send("PATCH", "/api/v1/me", Map.of("jobRole", "x"), Map.of("X-CSRF-Token", twosToken)).code())
            .isEqualTo("csrf_failed");
        assertThat(one.send("PATCH", "/api/v1/me", Map.of("jobRole", "x"), Map.of("X-CSRF-Token", "")).code()).isEqualTo("csrf_failed");
    }

    @Test
    void loginsMustBeJsonFromThisOrigin() throws Exception {
        String email = account();
        ApiClient api = new ApiClient(APP.getLocalPort());
        assertThat(api.send("POST", "/api/v1/session", "email=" + email + "&password=x",
            Map.of("Content-Type", "application/x-www-form-urlencoded")).status()).isEqualTo(415);
        assertThat(api.send("POST", "/api/v1/session", "{}", Map.of("Content-Type", "text/plain")).status()).isEqualTo(415);
        assertThat(api.send("POST", "/api/v1/session", Map.of("email", email, "password", PASSWORD),
            Map.of("Origin", "https://evil.example")).code()).isEqualTo("csrf_failed");
        assertThat(api.send("POST", "/api/v1/session", Map.of("email", email, "password", PASSWORD),
            Map.of("Origin", "http://localhost:8080")).status()).isEqualTo(200);
    }

    @Test
    void aPersonListsAndRevokesTheirSessions() throws Exception {
        String email = account();
        ApiClient laptop = new ApiClient(APP.getLocalPort());
        laptop.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
        ApiClient phone = new ApiClient(APP.getLocalPort());
        phone.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
        laptop.withCsrf();
        var sessions = laptop.get("/api/v1/me/sessions").body().path("items");
        assertThat(sessions).hasSize(2);
        String phoneId = null;
        for (var s : sessions) {
            if (!s.path("current").asBoolean()) {
                phoneId = s.path("id").asText();
            }
        }
        assertThat(laptop.send("DELETE", "/api/v1/me/sessions/" + phoneId, null, Map.of()).status()).isEqualTo(204);
        assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(laptop.send("DELETE", "/api/v1/me/sessions/" + UUID.randomUUID(), null, Map.of()).status()).isEqualTo(404);
        assertThat(laptop.get("/api/v1/me/sessions").body().path("items")).hasSize(1);
    }
}
