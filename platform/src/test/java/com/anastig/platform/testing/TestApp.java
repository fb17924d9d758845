package com.anastig.platform.testing;

import com.anastig.platform.AnastigApplication;
import com.anastig.platform.AnastigConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.UUID;

/**
 * Builds the real application for an integration-test class: its own fresh database on the shared
 * embedded server, its own data folder, the real plugin zips from target/plugins, a Hazelcast
 * cluster of its own, and ports chosen by the OS.
 */
public final class TestApp {
    private TestApp() {
    }

    public static DropwizardAppExtension<AnastigConfiguration> create(SharedPostgres.TestDatabase db) {
        return create(db, Map.of());
    }

    /** @param extra settings (dotted paths) to override on top of the defaults above; evaluated at start */
    public static DropwizardAppExtension<AnastigConfiguration> create(SharedPostgres.TestDatabase db, Map<String, Supplier<String>> extra) {
        Path data = tempDir();
        Map<String, Supplier<String>> settings = new LinkedHashMap<>();
        settings.put("database.url", db::url);
        settings.put("dataDirectory", data::toString);
        settings.put("plugins.directory", () -> pluginsDirectory().toString());
        if (!extra.containsKey("storage.managed.provider")) {
            settings.put("storage.managed.settings.root", () -> data.resolve("objects").toString());
        }
        settings.put("mail.provider.settings.outbox", () -> data.resolve("outbox").toString());
        String cluster = "it-" + UUID.randomUUID();
        settings.put("hazelcast.clusterName", () -> cluster);
        settings.put("sealing.keysFile", () -> data.resolve("sealing-keys.json").toString());
        settings.putAll(extra);
        List<ConfigOverride> overrides = new ArrayList<>();
        settings.forEach((key, value) -> overrides.add(ConfigOverride.config(key, value)));
        return new DropwizardAppExtension<>(AnastigApplication.class, configFile(extra.containsKey("storage.managed.provider")),
            overrides.toArray(ConfigOverride[]::new));
    }

    /** it.yml, or a copy without the managed storage's provider settings when a test names another provider. */
    private static String configFile(boolean ownManagedStorage) {
        String path = ResourceHelpers.resourceFilePath("it.yml");
        if (!ownManagedStorage) {
            return path;
        }
        try {
            String yaml = java.nio.file.Files.readString(Path.of(path));
            Path copy = java.nio.file.Files.createTempFile("it-", ".yml");
            java.nio.file.Files.writeString(copy, yaml.replaceAll("(?m)^    settings:\\n      root: set-by-test\\n", "    settings: {}\n"));
            return copy.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
