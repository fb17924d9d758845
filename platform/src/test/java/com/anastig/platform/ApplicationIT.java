package com.anastig.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real application on a real PostgreSQL, with the six real plugin zips. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApplicationIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheOpenApiDocument() throws Exception {
        HttpResponse<String> r = get(APP.getLocalPort(), "/api/v1/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json.readTree(r.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Anastig API");
        assertThat(doc.path("paths").has("/api/v1/openapi.json")).isTrue();
    }

    @Test
    void everyHealthCheckIsGreenWithAllSixPluginsStarted() throws Exception {
        HttpResponse<String> r = get(APP.getAdminPort(), "/healthcheck");
        JsonNode health = json.readTree(r.body());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (String check : new String[] {"database", "hazelcast", "plugins", "managed-storage", "mail", "deadlocks"}) {
            assertThat(health.path(check).path("healthy").asBoolean()).as(check + ": " + health.path(check)).isTrue();
        }
        String plugins = health.path("plugins").toString();
        for (String id : new String[] {"fs", "s3", "minio", "log", "smtp", "resend"}) {
            assertThat(plugins).contains(id);
        }
    }

    @Test
    void theAdminPortListsThePlugins() throws Exception {
        HttpResponse<String> r = get(APP.getAdminPort(), "/plugins");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode items = json.readTree(r.body()).path("items");
        assertThat(items).hasSize(6);
        for (JsonNode p : items) {
            assertThat(p.path("state").asText()).as(p.toString()).isEqualTo("STARTED");
            assertThat(p.path("sha256").asText()).matches("[0-9a-f]{64}");
            assertThat(p.path("provides")).as(p.toString()).hasSize(1);
        }
    }

    @Test
    void providerCallsAreMetered() throws Exception {
        get(APP.getAdminPort(), "/healthcheck");
        JsonNode timers = json.readTree(get(APP.getAdminPort(), "/metrics").body()).path("timers");
        assertThat(timers.path("storage.managed.self-test").path("count").asLong()).isPositive();
    }

    @Test
    void servesTheLegalDocumentsInForce() throws Exception {
        HttpResponse<String> r = get(APP.getLocalPort(), "/api/v1/legal/documents");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode docs = json.readTree(r.body());
        for (String type : new String[] {"terms", "privacy", "aup"}) {
            assertThat(docs.path(type).path("version").asText()).as(type).isEqualTo("2025-01-01");
            assertThat(docs.path(type).path("effectiveAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
        }
        JsonNode versions = json.readTree(get(APP.getLocalPort(), "/api/v1/legal/documents/privacy/versions").body());
        assertThat(versions.path("items")).hasSize(1);
        JsonNode text = json.readTree(get(APP.getLocalPort(), "/api/v1/legal/documents/privacy/versions/2025-01-01").body());
        assertThat(text.path("text").asText()).contains("privacy@anastig.test").contains("no-reply@anastig.test")
            .doesNotContain("{{").doesNotContain("[email");
        assertThat(get(APP.getLocalPort(), "/api/v1/legal/documents/cookies/versions").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownPathsAnswerProblemJson() throws Exception {
        HttpResponse<String> r = get(APP.getLocalPort(), "/api/v1/no-such-thing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.path("code").asText()).isEqualTo("not_found");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
    }

    @Test
    void wrongMethodAnswersProblemJsonWithAllow() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/openapi.json"))
            .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(json.readTree(r.body()).path("code").asText()).isEqualTo("method_not_allowed");
        assertThat(r.headers().firstValue("Allow")).isPresent();
    }

    @Test
    void theApplicationRunsAsARoleThatIsNeitherSuperuserNorOwner() throws Exception {
        try (Connection c = DB.asApp().getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isFalse();
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getBoolean(3)).isFalse();
            rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            // it can use the tables, but not change the schema
            rs = s.executeQuery("SELECT count(*) FROM platform_node");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("CREATE TABLE sneaky (id int)"))
                .hasMessageContaining("permission denied");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("DROP TABLE platform_node"))
                .hasMessageContaining("must be owner");
        }
    }
}
