package com.anastig.platform.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.plugin.api.StorageProviderFactory;
import com.codahale.metrics.health.HealthCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plugin's class loader lets it see, a plugin that fails in start, and two plugins offering
 * the same provider id: all with real zips and real PF4J.
 */
class PluginIsolationIT {
    @TempDir
    Path temp;

    private PluginHost start(Path pluginsDir) throws Exception {
        PluginHost host = new PluginHost(new PluginsConfig(pluginsDir, Map.of()), temp.resolve("work"));
        host.start();
        return host;
    }

    private static PluginInfo byFile(PluginHost host, String fileName) {
        return host.plugins().stream().filter(p -> p.file().getFileName().toString().equals(fileName)).findFirst().orElseThrow();
    }

    @Test
    void pluginsShareOnlyTheApiPf4jAndSlf4jWithThePlatform() throws Exception {
        PluginHost host = start(PluginZips.copyOfAll(temp.resolve("plugins")));
        try {
            ClassLoader fs = host.providers().storage("fs").getClass().getClassLoader();
            ClassLoader resend = host.providers().mail("resend").getClass().getClassLoader();
            assertThat(fs).isInstanceOf(IsolatingPluginClassLoader.class).isNotSameAs(resend);

            for (Class<?> shared : List.of(StorageProviderFactory.class, org.pf4j.ExtensionPoint.class, org.slf4j.Logger.class)) {
                assertThat(Class.forName(shared.getName(), false, fs)).isSameAs(shared);
            }
            // the platform's own libraries are invisible to a plugin that does not bring them
            for (String platformOnly : List.of("com.fasterxml.jackson.databind.ObjectMapper", "io.dropwizard.core.Application",
                "com.hazelcast.core.Hazelcast", "com.anastig.platform.plugin.PluginHost")) {
                assertThatThrownBy(() -> Class.forName(platformOnly, false, fs)).isInstanceOf(ClassNotFoundException.class);
            }
            // a plugin that brings Jackson gets its own copy, not the platform's
            Class<?> pluginJackson = Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, resend);
            assertThat(pluginJackson).isNotSameAs(com.fasterxml.jackson.databind.ObjectMapper.class);
            assertThat(pluginJackson.getClassLoader()).isSameAs(resend);
            // the JDK stays visible
            assertThat(Class.forName("java.sql.Timestamp", false, fs)).isSameAs(java.sql.Timestamp.class);
            assertThat(fs.getResource("META-INF/extensions.idx")).isNotNull();
            assertThat(fs.getResource("logback-test.xml")).as("platform resources stay hidden").isNull();
        } finally {
            host.stop();
        }
    }

    @Test
    void aPluginWhoseStartFailsIsReportedAndTheOthersStart() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Path fs = Files.copy(PluginZips.real("storage-fs"), dir.resolve(PluginZips.real("storage-fs").getFileName()));
        PluginZips.withDescriptor(PluginZips.real("mail-log"), dir.resolve("mail-log-broken.zip"),
            Map.of("plugin.class", "com.example.NoSuchPlugin"));

        PluginHost host = start(dir);
        try {
            assertThat(byFile(host, fs.getFileName().toString()).state()).isEqualTo(PluginInfo.STARTED);
            PluginInfo broken = byFile(host, "mail-log-broken.zip");
            assertThat(broken.state()).isEqualTo(PluginInfo.FAILED);
            assertThat(broken.problem()).contains("com.example.NoSuchPlugin");
            assertThatThrownBy(() -> host.providers().mail("log"))
                .isInstanceOf(ProviderNotAvailableException.class)
                .hasMessageContaining("mail provider 'log' is not available")
                .hasMessageContaining("FAILED").hasMessageContaining("com.example.NoSuchPlugin");
            HealthCheck.Result health = new PluginsHealthCheck(host, List.of("storage:fs")).execute();
            assertThat(health.isHealthy()).isFalse();
            assertThat(health.getMessage()).contains("mail-log-broken.zip");
        } finally {
            host.stop();
        }
    }

    @Test
    void twoPluginsOfferingOneProviderIdAreAConflictAndTheFirstByFileNameWins() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Path fs = Files.copy(PluginZips.real("storage-fs"), dir.resolve(PluginZips.real("storage-fs").getFileName()));
        PluginZips.withDescriptor(PluginZips.real("storage-fs"), dir.resolve("zz-other-fs.zip"), Map.of("plugin.id", "other-fs"));

        PluginHost host = start(dir);
        try {
            assertThat(host.plugins()).extracting(PluginInfo::state).containsOnly(PluginInfo.STARTED);
            assertThat(host.providers().conflicts()).singleElement().asString()
                .contains("storage:fs").contains(fs.getFileName().toString()).contains("zz-other-fs.zip");
            assertThat(host.providers().providedBy()).containsEntry("storage:fs", "fs");
            assertThat(host.providers().storage("fs")).isNotNull();
            HealthCheck.Result health = new PluginsHealthCheck(host, List.of("storage:fs")).execute();
            assertThat(health.isHealthy()).isFalse();
            assertThat(health.getMessage()).contains("storage:fs is provided by plugin fs");
        } finally {
            host.stop();
        }
    }

    @Test
    void aZipWithAnEntryEscapingItsFolderIsRefusedBeforeAnythingIsWrittenOutside() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Path log = Files.copy(PluginZips.real("mail-log"), dir.resolve(PluginZips.real("mail-log").getFileName()));
        Path evil = dir.resolve("storage-fs-evil.zip");
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(PluginZips.real("storage-fs")));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(evil))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new java.util.zip.ZipEntry("lib/../../../../escaped.txt"));
            out.write("outside".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }

        PluginHost host = start(dir);
        try {
            PluginInfo refused = byFile(host, "storage-fs-evil.zip");
            assertThat(refused.state()).isEqualTo(PluginInfo.REFUSED);
            assertThat(refused.problem()).contains("escapes the plugin folder");
            assertThat(byFile(host, log.getFileName().toString()).state()).isEqualTo(PluginInfo.STARTED);
            try (var files = Files.walk(temp)) {
                assertThat(files.filter(f -> f.getFileName().toString().equals("escaped.txt"))).isEmpty();
            }
            assertThatThrownBy(() -> host.providers().storage("fs")).hasMessageContaining("escapes the plugin folder");
        } finally {
            host.stop();
        }
    }

    @Test
    void everyStartUnpacksAfreshSoAlteredFilesInTheWorkFolderAreNeverLoaded() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Files.copy(PluginZips.real("storage-fs"), plugins.resolve(PluginZips.real("storage-fs").getFileName()));
        PluginHost host = start(plugins);
        host.stop();
        // what an attacker with access to the work folder might leave behind for the next start
        Path planted = Files.createDirectories(temp.resolve("work").resolve("unpacked").resolve("001").resolve("lib"));
        Files.writeString(planted.resolve("evil.jar"), "not even a jar");

        host = start(plugins);
        try {
            assertThat(byFile(host, PluginZips.real("storage-fs").getFileName().toString()).state()).isEqualTo(PluginInfo.STARTED);
            assertThat(planted.resolve("evil.jar")).doesNotExist();
        } finally {
            host.stop();
        }
    }
}
