package com.anastig.platform.testing;

import com.anastig.platform.AnastigApplication;
import com.anastig.platform.AnastigConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds the real application for an integration-test class: its own fresh database on the shared
 * embedded server, its own data folder, the real plugin zips from target/plugins, a Hazelcast
 * cluster of its own, and ports chosen by the OS.
 */
public final class TestApp {
    private TestApp() {
    }

    public static DropwizardAppExtension<AnastigConfiguration> create(SharedPostgres.TestDatabase db, ConfigOverride... extra) {
        Path data = tempDir();
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
            ConfigOverride.config("database.url", db::url),
            ConfigOverride.config("dataDirectory", data.toString()),
            ConfigOverride.config("plugins.directory", pluginsDirectory().toString()),
            ConfigOverride.config("storage.managed.settings.root", data.resolve("objects").toString()),
            ConfigOverride.config("mail.provider.settings.outbox", data.resolve("outbox").toString()),
            ConfigOverride.config("hazelcast.clusterName", "it-" + UUID.randomUUID())));
        overrides.addAll(List.of(extra));
        return new DropwizardAppExtension<>(AnastigApplication.class, ResourceHelpers.resourceFilePath("it.yml"),
            overrides.toArray(ConfigOverride[]::new));
    }

    /** The real provider zips, copied by the build (mvn verify) into platform/target/plugins. */
    public static Path pluginsDirectory() {
        String dir = System.getProperty("anastig.test.plugins");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("The provider plugin zips are missing: run the tests through Maven"
                + " ('mvn verify' from the repository root), which builds them into platform/target/plugins.");
        }
        return Path.of(dir);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("anastig-it");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
