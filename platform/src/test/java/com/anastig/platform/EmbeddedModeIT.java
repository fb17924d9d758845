package com.anastig.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run path: deploy/embedded.yml as shipped (only ports, folders and the cluster name
 * changed), with its own embedded PostgreSQL. Started twice on the same data folder, the second
 * start reuses the database it made the first time.
 */
class EmbeddedModeIT {
    @TempDir
    Path data;

    @Test
    void theEmbeddedDefaultStartsHealthyAndKeepsItsDataAcrossRestarts() throws Exception {
        for (int run = 1; run <= 2; run++) {
            DropwizardTestSupport<AnastigConfiguration> app = new DropwizardTestSupport<>(AnastigApplication.class,
                Path.of("..", "deploy", "embedded.yml").toString(),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("dataDirectory", data.toString()),
                ConfigOverride.config("database.embeddedDataDirectory", data.resolve("postgres").toString()),
                ConfigOverride.config("plugins.directory", TestApp.pluginsDirectory().toString()),
                ConfigOverride.config("storage.managed.settings.root", data.resolve("objects").toString()),
                ConfigOverride.config("mail.provider.settings.outbox", data.resolve("outbox").toString()),
                ConfigOverride.config("sealing.keysFile", data.resolve("sealing-keys.json").toString()),
                ConfigOverride.config("hazelcast.clusterName", "embedded-it-" + run + "-" + data.getFileName()));
            app.before();
            try {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                HttpResponse<String> openapi = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.getLocalPort() + "/api/v1/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(openapi.statusCode()).isEqualTo(200);
            } finally {
                app.after();
            }
            assertThat(Files.exists(data.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        }
    }
}
