package com.anastig.plugins.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.StorageProviderFactory;
import com.anastig.plugin.api.Timeouts;
import com.anastig.plugin.testkit.s3.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/** The built PF4J zip loads in a plugin manager and its factory talks to S3Proxy through the plugin class loader. */
class MinioPluginZipIT {
    @TempDir
    Path temp;

    @Test
    void theBuiltZipLoadsAndStores() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path zip = builtZip();
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        PluginManager manager = new DefaultPluginManager(plugins);
        try (S3ProxyServer server = S3ProxyServer.start(S3ProxyServer.Backend.TRANSIENT)) {
            String bucket = DirectMinio.createBucket(server, "zip");
            manager.loadPlugins();
            manager.startPlugins();
            assertThat(manager.getStartedPlugins()).extracting(PluginWrapper::getPluginId).containsExactly("minio");
            List<StorageProviderFactory> factories = manager.getExtensions(StorageProviderFactory.class, "minio");
            assertThat(factories).extracting(StorageProviderFactory::id).containsExactly("minio");
            assertThat(factories.get(0).getClass().getClassLoader()).isSameAs(manager.getPlugin("minio").getPluginClassLoader());

            ProviderContext context = new ProviderContext(OutboundPolicy.unrestricted(Timeouts.DEFAULTS), Clock.systemUTC(), temp);
            try (ObjectStore store = factories.get(0).create(DirectMinio.settings(server, bucket, "zip/"), context)) {
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
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(Path.of("target"), "storage-minio-*.zip")) {
            for (Path zip : zips) {
                return zip;
            }
        }
        throw new AssertionError("target/storage-minio-*.zip is missing: run 'mvn -pl plugins/storage-minio verify' (the zip is built in the package phase)");
    }
}
