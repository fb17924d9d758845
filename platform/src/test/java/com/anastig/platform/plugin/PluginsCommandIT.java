package com.anastig.platform.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigApplication;
import com.anastig.platform.AnastigConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands, run through Dropwizard's command line as 'java -jar anastig.jar plugins ...' runs them. */
class PluginsCommandIT {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private Optional<Throwable> run(String action, Path config) throws Exception {
        AnastigApplication application = new AnastigApplication();
        Bootstrap<AnastigConfiguration> bootstrap = new Bootstrap<>(application);
        AnastigApplication.configureObjectMapper(bootstrap.getObjectMapper());
        bootstrap.addCommand(new PluginsCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8)));
        Cli cli = new Cli(new JarLocation(AnastigApplication.class), bootstrap,
            new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return cli.run("plugins", action, config.toString());
    }

    private Path config(Path pluginsDir, String extraReplace, String with) throws Exception {
        String yaml = Files.readString(Path.of("..", "deploy", "embedded.yml"))
            .replace("directory: deploy/plugins", "directory: " + pluginsDir)
            .replace("root: data/objects", "root: " + temp.resolve("objects"))
            .replace("outbox: data/outbox", "outbox: " + temp.resolve("outbox"));
        if (extraReplace != null) {
            yaml = yaml.replace(extraReplace, with);
        }
        Path file = temp.resolve("config-" + System.nanoTime() + ".yml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void listShowsTheSixPluginsWithTheirHashes() throws Exception {
        Path plugins = PluginZips.copyOfAll(temp.resolve("plugins"));
        assertThat(run("list", config(plugins, null, null))).isEmpty();
        String out = stdout.toString(StandardCharsets.UTF_8);
        for (String id : PluginZips.ALL_IDS) {
            assertThat(out).containsPattern("(?m)^" + id + "\\s+\\S+\\s+STARTED\\s+\\S+\\s+\\S+\\.zip\\s+[0-9a-f]{64}$");
        }
    }

    @Test
    void verifyPassesOnAGoodSetup() throws Exception {
        Path plugins = PluginZips.copyOfAll(temp.resolve("plugins"));
        assertThat(run("verify", config(plugins, null, null))).isEmpty();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("OK: 6 plugin(s) started");
    }

    @Test
    void verifyFailsOnABrokenPlugin() throws Exception {
        Path plugins = PluginZips.copyOfAll(temp.resolve("plugins"));
        PluginZips.withDescriptor(PluginZips.real("mail-smtp"), plugins.resolve("newer-api-1.0.zip"),
            Map.of("plugin.id", "smtp2", "plugin.requires", "2.0.0"));
        Optional<Throwable> failure = run("verify", config(plugins, null, null));
        assertThat(failure).isPresent();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("PROBLEM: plugin smtp2").contains("needs plugin API >=2.0.0");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("plugins verify failed");
    }

    @Test
    void verifyFailsOnInvalidProviderSettingsAndNamesThem() throws Exception {
        Path plugins = PluginZips.copyOfAll(temp.resolve("plugins"));
        Path config = config(plugins, "    settings:\n      root: " + temp.resolve("objects"),
            "    settings:\n      root: " + temp.resolve("objects") + "\n      colour: blue");
        assertThat(run("verify", config)).isPresent();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("storage.managed (fs): colour");
    }

    @Test
    void verifyNamesASecretItRefusesButNeverPrintsItsValue() throws Exception {
        Path plugins = PluginZips.copyOfAll(temp.resolve("plugins"));
        Path config = config(plugins, "    settings:\n      root: " + temp.resolve("objects"),
            "    settings:\n      root: " + temp.resolve("objects") + "\n    secrets:\n      token: s3cr3t-value-4711");
        assertThat(run("verify", config)).isPresent();
        String out = stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("storage.managed (fs): token").doesNotContain("s3cr3t-value-4711");
    }

    @Test
    void verifyFailsWhenTheConfiguredProviderIsMissing() throws Exception {
        Path plugins = PluginZips.copyOfAll(temp.resolve("plugins"));
        assertThat(run("verify", config(plugins, "provider: log", "provider: carrier-pigeon"))).isPresent();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("mail provider 'carrier-pigeon' is not available");
    }
}
