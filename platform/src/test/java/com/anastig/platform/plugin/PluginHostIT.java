package com.anastig.platform.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.MailMessage;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.Timeouts;
import com.codahale.metrics.health.HealthCheck;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host loading the six real plugin zips, and broken variants of them, with real PF4J. */
class PluginHostIT {
    @TempDir
    Path temp;

    private PluginHost start(Path pluginsDir, Map<String, String> pins) throws Exception {
        PluginHost host = new PluginHost(new PluginsConfig(pluginsDir, pins), temp.resolve("work"));
        host.start();
        return host;
    }

    private ProviderContext context() throws Exception {
        return new ProviderContext(OutboundPolicy.unrestricted(Timeouts.DEFAULTS), Clock.systemUTC(), Files.createDirectories(temp.resolve("ctx")));
    }

    @Test
    void allSixPluginsStartAndProvideTheirProviders() throws Exception {
        PluginHost host = start(PluginZips.copyOfAll(temp.resolve("plugins")), Map.of());
        try {
            assertThat(host.plugins()).extracting(PluginInfo::id).containsExactlyInAnyOrderElementsOf(PluginZips.ALL_IDS);
            assertThat(host.plugins()).allSatisfy(p -> {
                assertThat(p.state()).as(p.id() + ": " + p.problem()).isEqualTo(PluginInfo.STARTED);
                assertThat(p.sha256()).matches("[0-9a-f]{64}");
            });
            assertThat(host.providers().provided()).containsExactlyInAnyOrder(
                "storage:fs", "storage:s3", "storage:minio", "mail:log", "mail:smtp", "mail:resend");
            assertThat(new PluginsHealthCheck(host, List.of("storage:fs", "mail:log")).execute().isHealthy()).isTrue();
        } finally {
            host.stop();
        }
        assertThat(Files.exists(temp.resolve("work"))).isFalse();
    }

    @Test
    void providersFromPluginsWorkEndToEndThroughTheirOwnClassLoaders() throws Exception {
        PluginHost host = start(PluginZips.copyOfAll(temp.resolve("plugins")), Map.of());
        try {
            ObjectStore store = host.providers().storage("fs")
                .create(ProviderSettings.of(Map.of("root", temp.resolve("objects").toString())), context());
            store.put("a/b.txt", new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 5, "text/plain");
            assertThat(new String(store.readAllBytes("a/b.txt"), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(store.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
            store.close();

            Path outbox = temp.resolve("outbox");
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            MailSender sender = host.providers().mail("log").create(ProviderSettings.of(Map.of("outbox", outbox.toString())), context());
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(previous);
            sender.send(MailMessage.of(MailAddress.of("no-reply@anastig.test"), MailAddress.of("someone@example.test"),
                "Hello", "Text body", "<p>HTML body</p>"));
            try (Stream<Path> files = Files.list(outbox)) {
                assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(1);
            }
            sender.close();
        } finally {
            host.stop();
        }
    }

    @Test
    void brokenPluginsAreReportedAndTheOthersStillStart() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Path fs = PluginZips.real("storage-fs");
        Files.copy(fs, dir.resolve(fs.getFileName()));
        Files.copy(PluginZips.real("mail-log"), dir.resolve(PluginZips.real("mail-log").getFileName()));
        PluginZips.truncated(PluginZips.real("mail-smtp"), dir.resolve("corrupt-0.1.zip"));
        PluginZips.withDescriptor(PluginZips.real("mail-resend"), dir.resolve("future-0.1.zip"), Map.of("plugin.requires", "99.0.0"));
        PluginZips.withDescriptor(PluginZips.real("storage-fs"), dir.resolve("zz-second-fs-0.1.zip"), Map.of());

        PluginHost host = start(dir, Map.of());
        try {
            Map<String, PluginInfo> byFile = new java.util.HashMap<>();
            host.plugins().forEach(p -> byFile.put(p.file().getFileName().toString(), p));
            assertThat(byFile.get(fs.getFileName().toString()).state()).isEqualTo(PluginInfo.STARTED);
            assertThat(byFile.get("corrupt-0.1.zip").state()).isEqualTo(PluginInfo.REFUSED);
            assertThat(byFile.get("corrupt-0.1.zip").problem()).contains("zip");
            assertThat(byFile.get("future-0.1.zip").state()).isEqualTo(PluginInfo.REFUSED);
            assertThat(byFile.get("future-0.1.zip").problem()).contains("needs plugin API >=99.0.0").contains("provides 1.0.0");
            assertThat(byFile.get("zz-second-fs-0.1.zip").state()).isEqualTo(PluginInfo.REFUSED);
            assertThat(byFile.get("zz-second-fs-0.1.zip").problem()).contains("duplicate plugin id 'fs'");

            HealthCheck.Result health = new PluginsHealthCheck(host, List.of("storage:fs", "mail:log")).execute();
            assertThat(health.isHealthy()).isFalse();
            assertThat(health.getMessage()).contains("corrupt-0.1.zip").contains("future-0.1.zip").contains("zz-second-fs-0.1.zip");

            assertThat(host.providers().storage("fs")).isNotNull();
            assertThatThrownBy(() -> host.providers().mail("resend"))
                .isInstanceOf(ProviderNotAvailableException.class)
                .hasMessageContaining("mail provider 'resend' is not available")
                .hasMessageContaining("future-0.1.zip").hasMessageContaining("needs plugin API");
        } finally {
            host.stop();
        }
    }

    @Test
    void pinsAreEnforcedOnTheBytesThatAreLoaded() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Path fs = Files.copy(PluginZips.real("storage-fs"), dir.resolve(PluginZips.real("storage-fs").getFileName()));
        Path log = Files.copy(PluginZips.real("mail-log"), dir.resolve(PluginZips.real("mail-log").getFileName()));
        String fsHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(fs)));
        PluginHost host = start(dir, Map.of(fs.getFileName().toString(), fsHash.toUpperCase(),
            log.getFileName().toString(), "0".repeat(64)));
        try {
            PluginInfo fsInfo = host.plugins().stream().filter(p -> p.id().equals("fs")).findFirst().orElseThrow();
            PluginInfo logInfo = host.plugins().stream().filter(p -> p.id().equals("log")).findFirst().orElseThrow();
            assertThat(fsInfo.state()).isEqualTo(PluginInfo.STARTED);
            assertThat(fsInfo.sha256()).isEqualTo(fsHash);
            assertThat(logInfo.state()).isEqualTo(PluginInfo.REFUSED);
            assertThat(logInfo.problem()).contains("does not match the pin");
            assertThatThrownBy(() -> host.providers().mail("log")).hasMessageContaining("does not match the pin");
        } finally {
            host.stop();
        }
    }

    @Test
    void aMissingPluginsDirectoryStartsWithNothingAndSaysSo() throws Exception {
        PluginHost host = start(temp.resolve("nowhere"), Map.of());
        try {
            assertThat(host.plugins()).isEmpty();
            assertThat(new PluginsHealthCheck(host, List.of("storage:fs")).execute().getMessage())
                .contains("required provider storage:fs is not available");
        } finally {
            host.stop();
        }
    }
}
