package com.anastig.platform.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform with a plugins directory holding a corrupt zip, a plugin that needs a newer API, a
 * duplicate id, and no mail plugin at all: it still starts and serves, and says what is wrong.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BrokenPluginsIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB,
        Map.of("plugins.directory", () -> brokenPluginsDirectory().toString()));

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    static Path brokenPluginsDirectory() {
        try {
            Path dir = Files.createTempDirectory("anastig-broken-plugins");
            Files.copy(PluginZips.real("storage-fs"), dir.resolve(PluginZips.real("storage-fs").getFileName()));
            PluginZips.truncated(PluginZips.real("mail-smtp"), dir.resolve("corrupt-1.0.zip"));
            PluginZips.withDescriptor(PluginZips.real("mail-log"), dir.resolve("mail-log-9.9.zip"), Map.of("plugin.requires", "2.0.0"));
            PluginZips.withDescriptor(PluginZips.real("storage-fs"), dir.resolve("zz-fs-copy-1.0.zip"), Map.of());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode get(int port, String path, int expectedStatus) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        return json.readTree(r.body());
    }

    @Test
    void thePlatformStartsAndReportsEachBrokenPlugin() throws Exception {
        assertThat(get(APP.getLocalPort(), "/api/v1/openapi.json", 200).path("openapi").asText()).startsWith("3.");

        JsonNode health = get(APP.getAdminPort(), "/healthcheck", 500);
        assertThat(health.path("database").path("healthy").asBoolean()).isTrue();
        assertThat(health.path("managed-storage").path("healthy").asBoolean()).isTrue();
        String plugins = health.path("plugins").path("message").asText();
        assertThat(health.path("plugins").path("healthy").asBoolean()).isFalse();
        assertThat(plugins).contains("corrupt-1.0.zip").contains("needs plugin API >=2.0.0").contains("duplicate plugin id 'fs'")
            .contains("required provider mail:log is not available");
        String mail = health.path("mail").path("message").asText();
        assertThat(mail).contains("mail provider 'log' is not available").contains("mail-log-9.9.zip");

        JsonNode listing = get(APP.getAdminPort(), "/plugins", 200).path("items");
        assertThat(listing).hasSize(4);
        assertThat(listing.toString()).contains("REFUSED").contains("STARTED");
    }
}
