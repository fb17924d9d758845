package com.anastig.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.plugin.testkit.s3.S3ProxyServer;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.Teams;
import com.anastig.platform.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Organizations' storage against a real S3 server (S3Proxy on 127.0.0.1, allow-listed by the
 * operator): the managed storage is one bucket of it, an organization's own bucket another. The
 * buckets are folders of S3Proxy's filesystem backend, so what a tool like {@code aws s3 ls} would
 * list is read straight from disk.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OrgStorageIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private static final S3ProxyServer S3 = S3ProxyServer.start(S3ProxyServer.Backend.FILESYSTEM);
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB, settings());

    private final Teams teams = new Teams(APP);

    private static Map<String, Supplier<String>> settings() {
        bucket("managed");
        bucket("tenant");
        bucket("other");
        Map<String, Supplier<String>> s = new HashMap<>();
        s.put("storage.managed.provider", () -> "s3");
        s.put("storage.managed.settings.endpoint", () -> S3.endpoint().toString());
        s.put("storage.managed.settings.region", () -> S3ProxyServer.REGION);
        s.put("storage.managed.settings.bucket", () -> "managed");
        s.put("storage.managed.settings.pathStyle", () -> "true");
        s.put("storage.managed.secrets.accessKeyId", S3::accessKey);
        s.put("storage.managed.secrets.secretAccessKey", S3::secretKey);
        s.put("outbound.allowList", () -> "http://127.0.0.1:" + S3.port());
        return s;
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    private static Path bucket(String name) {
        try {
            return Files.createDirectories(S3.blobDirectory().resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> byo(String bucket, String prefix, String secret) {
        Map<String, Object> s = new HashMap<>();
        s.put("mode", "byo");
        s.put("provider", "s3");
        s.put("endpoint", "http://127.0.0.1:" + S3.port());
        s.put("region", S3ProxyServer.REGION);
        s.put("bucket", bucket);
        if (prefix != null) {
            s.put("prefix", prefix);
        }
        s.put("pathStyle", true);
        s.put("accessKeyId", S3.accessKey());
        s.put("secretAccessKey", secret);
        return s;
    }

    private static List<String> keysIn(String bucket, String under) throws Exception {
        Path root = S3.blobDirectory().resolve(bucket);
        Path start = root.resolve(under);
        if (!Files.exists(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    void aGoodOwnBucketTestsStepByStepAndIsSavedAtOnceWhenThereIsNothingToMove() throws Exception {
        Teams.Team team = teams.team("Own Bucket");
        String base = "/api/v1/orgs/" + team.orgId() + "/storage";
        assertThat(team.admin().api().get(base).body().path("mode").asText()).isEqualTo("managed");

        ApiClient.Answer test = team.admin().api().post(base + "/test", byo("other", "own/", S3.secretKey()));
        assertThat(test.status()).as(String.valueOf(test.body())).isEqualTo(200);
        assertThat(test.body().path("ok").asBoolean()).as(test.body().toString()).isTrue();
        List<String> steps = new java.util.ArrayList<>();
        test.body().path("steps").forEach(s -> steps.add(s.path("name").asText()));
        assertThat(steps).contains("resolve", "connect", "auth", "write", "read", "delete");

        ApiClient.Answer saved = team.admin().api().send("PUT", base, byo("other", "own/", S3.secretKey()), Map.of());
        assertThat(saved.status()).isEqualTo(200);
        JsonNode shown = team.admin().api().get(base).body();
        assertThat(shown.path("mode").asText()).isEqualTo("byo");
        assertThat(shown.path("bucket").asText()).isEqualTo("other");
        assertThat(shown.path("secretAccessKey").asText()).isEqualTo("********");
        assertThat(shown.toString()).doesNotContain(S3.secretKey());
        // the secret is sealed at rest and never in the audit trail
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM org_storage WHERE setting LIKE '%" + S3.secretKey() + "%')"
                 + " + (SELECT count(*) FROM audit_event WHERE details LIKE '%" + S3.secretKey() + "%')")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        // sending back the placeholder keeps the stored secret
        assertThat(team.admin().api().post(base + "/test", byo("other", "own/", "********")).body().path("ok").asBoolean()).isTrue();
        assertThat(team.editor().api().get(base).status()).isEqualTo(403);
        assertThat(team.editor().api().send("PUT", base, byo("other", null, S3.secretKey()), Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aWrongSecretFailsAtTheAuthStepAndChangesNothing() throws Exception {
        Teams.Team team = teams.team("Wrong Secret");
        String base = "/api/v1/orgs/" + team.orgId() + "/storage";
        ApiClient.Answer put = team.admin().api().send("PUT", base, byo("other", null, "not-the-secret-at-all-0000000000"), Map.of());
        assertThat(put.status()).isEqualTo(422);
        assertThat(put.code()).isEqualTo("storage_unreachable");
        assertThat(put.body().toString()).doesNotContain("<?xml").doesNotContain("SignatureDoesNotMatch");
        JsonNode failed = null;
        for (JsonNode s : put.body().path("steps")) {
            if (!s.path("ok").asBoolean()) {
                failed = s;
            }
        }
        assertThat(failed.path("name").asText()).isEqualTo("auth");
        assertThat(team.admin().api().get(base).body().path("mode").asText()).isEqualTo("managed");
    }

    @Test
    void endpointsAtInternalAddressesAreRefusedInEverySpelling() throws Exception {
        Teams.Team team = teams.team("SSRF");
        String base = "/api/v1/orgs/" + team.orgId() + "/storage/test";
        for (String endpoint : List.of("http://169.254.169.254/", "http://[::ffff:169.254.169.254]/", "http://127.1:5701/",
                "http://2130706433/", "https://[fd00:ec2::254]/", "https://10.0.0.1/", "https://100.64.0.1/", "https://0.0.0.0/",
                "https://localhost/", "http://127.0.0.1:" + (S3.port() + 1) + "/")) {
            Map<String, Object> setting = byo("other", null, S3.secretKey());
            setting.put("endpoint", endpoint);
            ApiClient.Answer a = team.admin().api().post(base, setting);
            assertThat(a.status()).as(endpoint + " " + a.body()).isIn(400, 422);
            assertThat(a.code()).as(endpoint + " " + a.body()).isIn("endpoint_not_allowed", "validation_failed");
            if (a.status() == 422) {
                assertThat(a.code()).isEqualTo("endpoint_not_allowed");
            }
        }
        for (String endpoint : List.of("file:///etc/passwd", "https://user:pass@s3.example.com/", "gopher://127.0.0.1:70/")) {
            Map<String, Object> setting = byo("other", null, S3.secretKey());
            setting.put("endpoint", endpoint);
            assertThat(team.admin().api().post(base, setting).code()).as(endpoint).isEqualTo("validation_failed");
        }
        for (String bucket : List.of("..", "UPPER", "a/b", "x".repeat(300), "nul\u0000")) {
            assertThat(team.admin().api().post(base, byo(bucket, null, S3.secretKey())).code()).as(bucket).isEqualTo("validation_failed");
        }
        for (String prefix : List.of("../up/", "/lead", "a//b/", "nul\u0000/", "p".repeat(600) + "/")) {
            assertThat(team.admin().api().post(base, byo("other", prefix, S3.secretKey())).code()).as(prefix).isEqualTo("validation_failed");
        }
        assertThat(team.admin().api().get("/api/v1/orgs/" + team.orgId() + "/storage").body().path("mode").asText()).isEqualTo("managed");
    }

    @Test
    void objectsMoveFromTheManagedBucketToTheOwnOneVerifiedAndTheOldOnesStayUntilPurged() throws Exception {
        Teams.Team team = teams.team("Mover");
        String org = team.orgId();
        Path managed = S3.blobDirectory().resolve("managed").resolve("orgs").resolve(org).resolve("projects").resolve("p1").resolve("images");
        Files.createDirectories(managed);
        for (int i = 0; i < 450; i++) {
            Files.writeString(managed.resolve("img-" + i), "pixels of image " + i + " ".repeat(i));
        }
        String base = "/api/v1/orgs/" + org + "/storage";
        ApiClient.Answer put = team.admin().api().send("PUT", base, byo("tenant", "acme/", S3.secretKey()), Map.of());
        assertThat(put.status()).as(String.valueOf(put.body())).isEqualTo(202);
        String migration = put.body().path("migration").path("id").asText();
        assertThat(team.admin().api().get(base).body().path("migration").path("id").asText()).isEqualTo(migration);
        assertThat(team.admin().api().get(base).body().path("mode").asText()).as("pending until copied").isEqualTo("managed");

        await().atMost(Duration.ofSeconds(60)).until(() ->
            "done".equals(team.admin().api().get(base + "/migrations/" + migration).body().path("status").asText()));
        JsonNode status = team.admin().api().get(base + "/migrations/" + migration).body();
        assertThat(status.path("progress").path("done").asLong()).isEqualTo(450);
        assertThat(status.path("progress").path("total").asLong()).isEqualTo(450);
        assertThat(team.admin().api().get(base).body().path("bucket").asText()).isEqualTo("tenant");

        List<String> inOwnBucket = keysIn("tenant", "acme/orgs/" + org);
        assertThat(inOwnBucket).hasSize(450).contains("acme/orgs/" + org + "/projects/p1/images/img-449");
        assertThat(Files.readString(S3.blobDirectory().resolve("tenant").resolve(inOwnBucket.get(0))))
            .startsWith("pixels of image");
        assertThat(keysIn("managed", "orgs/" + org)).hasSize(450);
        JsonNode usage = team.viewer().api().get("/api/v1/orgs/" + org + "/usage").body();
        assertThat(usage.path("objects").asLong()).isEqualTo(450);
        assertThat(usage.path("storageBytes").asLong()).isGreaterThan(450 * 15);

        assertThat(team.admin().api().post(base + "/migrations/" + migration + "/purge-source", Map.of()).status()).isEqualTo(403);
        assertThat(team.owner().api().post(base + "/migrations/" + migration + "/purge-source", Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> keysIn("managed", "orgs/" + org).isEmpty());
        assertThat(keysIn("tenant", "acme/orgs/" + org)).hasSize(450);
    }
}
