package com.anastig.platform.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigApplication;
import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.Fixtures;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.Outbox;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two platform nodes on one database, joined in one Hazelcast cluster: a session works on both and,
 * once revoked on one, is dead on the other at once.
 */
class TwoNodesIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private static DropwizardTestSupport<AnastigConfiguration> nodeA;
    private static DropwizardTestSupport<AnastigConfiguration> nodeB;
    private static Path shared;

    static DropwizardTestSupport<AnastigConfiguration> node(String cluster, int port, Path data) {
        return new DropwizardTestSupport<>(AnastigApplication.class, ResourceHelpers.resourceFilePath("it.yml"),
            ConfigOverride.config("database.url", DB.url()),
            ConfigOverride.config("dataDirectory", data.toString()),
            ConfigOverride.config("plugins.directory", TestApp.pluginsDirectory().toString()),
            ConfigOverride.config("storage.managed.settings.root", shared.resolve("objects").toString()),
            ConfigOverride.config("mail.provider.settings.outbox", shared.resolve("outbox").toString()),
            ConfigOverride.config("sealing.keysFile", shared.resolve("sealing-keys.json").toString()),
            ConfigOverride.config("hazelcast.clusterName", cluster),
            ConfigOverride.config("hazelcast.port", String.valueOf(port)),
            ConfigOverride.config("hazelcast.portAutoIncrement", "false"),
            ConfigOverride.config("hazelcast.members", "127.0.0.1:5941,127.0.0.1:5942"));
    }

    @BeforeAll
    static void start() throws Exception {
        shared = Files.createTempDirectory("anastig-two-nodes");
        String cluster = "two-nodes-" + UUID.randomUUID();
        nodeA = node(cluster, 5941, Files.createDirectories(shared.resolve("a")));
        nodeB = node(cluster, 5942, Files.createDirectories(shared.resolve("b")));
        nodeA.before();
        nodeB.before();
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.after();
        }
        if (nodeA != null) {
            nodeA.after();
        }
    }

    @Test
    void aSessionRevokedOnOneNodeIsDeadOnTheOther() throws Exception {
        Outbox outbox = new Outbox(shared.resolve("outbox"));
        ApiClient a = new ApiClient(nodeA.getLocalPort());
        String email = "two-" + UUID.randomUUID() + "@example.test";
        int before = outbox.mails().size();
        assertThat(a.post("/api/v1/accounts", Fixtures.signUp(email, "Two Nodes")).status()).isEqualTo(202);
        String token = Outbox.token(outbox.await(before, email), "/verify-email");
        assertThat(a.post("/api/v1/accounts/verify-email", Map.of("token", token)).status()).isEqualTo(200);
        assertThat(a.post("/api/v1/session", Map.of("email", email, "password", Fixtures.PASSWORD)).status()).isEqualTo(200);

        ApiClient b = new ApiClient(nodeB.getLocalPort());
        b.cookie(a.cookie());
        assertThat(b.get("/api/v1/session").status()).isEqualTo(200);
        a.withCsrf();
        assertThat(a.send("DELETE", "/api/v1/session", null, Map.of()).status()).isEqualTo(204);
        assertThat(b.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void aThrottleBucketIsSharedByTheNodes() throws Exception {
        ApiClient a = new ApiClient(nodeA.getLocalPort());
        ApiClient b = new ApiClient(nodeB.getLocalPort());
        String email = "victim-" + UUID.randomUUID() + "@example.test";
        // five failures per e-mail in five minutes, spread over both nodes and spelt differently
        for (int i = 0; i < 5; i++) {
            ApiClient node = i % 2 == 0 ? a : b;
            String spelling = i % 2 == 0 ? email.toUpperCase() : "  " + email + " ";
            assertThat(node.post("/api/v1/session", Map.of("email", spelling, "password", "wrong password " + i)).code())
                .isEqualTo("invalid_credentials");
        }
        ApiClient.Answer refused = b.post("/api/v1/session", Map.of("email", email, "password", "wrong password 6"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("throttled");
        assertThat(Long.parseLong(refused.raw().headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
        assertThat(a.post("/api/v1/session", Map.of("email", email, "password", "wrong password 7")).status()).isEqualTo(429);
    }
}
