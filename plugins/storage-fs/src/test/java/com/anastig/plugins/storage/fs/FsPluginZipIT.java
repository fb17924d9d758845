package com.anastig.plugins.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.StorageProviderFactory;
import com.anastig.plugin.api.Timeouts;
import java.io.ByteArrayInputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/** The built PF4J zip loads in a plugin manager and its factory works through the plugin class loader. */
class FsPluginZipIT {
    @TempDir
    Path temp;

    @Test
    void theBuiltZipLoadsAndStores() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path zip = builtZip();
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        PluginManager manager = new DefaultPluginManager(plugins);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            assertThat(manager.getStartedPlugins()).extracting(PluginWrapper::getPluginId).containsExactly("fs");
            // the test class path also holds target/classes (a "system" extension), so ask the plugin itself
            List<StorageProviderFactory> factories = manager.getExtensions(StorageProviderFactory.class, "fs");
            assertThat(factories).extracting(StorageProviderFactory::id).containsExactly("fs");
            assertThat(factories.get(0).getClass().getClassLoader()).isSameAs(manager.getPlugin("fs").getPluginClassLoader());

            ProviderContext context = new ProviderContext(OutboundPolicy.unrestricted(Timeouts.DEFAULTS), Clock.systemUTC(), temp);
            try (ObjectStore store = factories.get(0).create(ProviderSettings.of(Map.of("root", temp.resolve("root").toString())), context)) {
                store.put("hello.txt", new ByteArrayInputStream(new byte[] {1, 2}), 2, "text/plain");
                assertThat(store.readAllBytes("hello.txt")).containsExactly(1, 2);
                assertThat(store.selfTest().ok()).isTrue();
            }
        } finally {
            for (PluginWrapper plugin : new ArrayList<>(manager.getStartedPlugins())) {
                manager.stopPlugin(plugin.getPluginId());
            }
            manager.unloadPlugins();
        }
    }

    private static Path builtZip() throws Exception {
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(Path.of("target"), "storage-fs-*.zip")) {
            for (Path zip : zips) {
                return zip;
            }
        }
        throw new AssertionError("target/storage-fs-*.zip is missing: run 'mvn -pl plugins/storage-fs verify' (the zip is built in the package phase)");
    }
}
