package com.anastig.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.cluster.HazelcastConfig;
import com.anastig.platform.config.OutboundConfig;
import com.anastig.platform.db.DatabaseConfig;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration files load with the application's own bootstrap, and bad ones name the setting. */
class ConfigurationTest {
    private static final Path EMBEDDED = Path.of("..", "deploy", "embedded.yml");
    private static final Path PRODUCTION = Path.of("..", "deploy", "production.yml");

    @TempDir
    Path dir;

    private static AnastigConfiguration load(Path file) throws Exception {
        AnastigApplication application = new AnastigApplication();
        Bootstrap<AnastigConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        return bootstrap.getConfigurationFactoryFactory()
            .create(AnastigConfiguration.class, bootstrap.getValidatorFactory().getValidator(), bootstrap.getObjectMapper(), "dw")
            .build(bootstrap.getConfigurationSourceProvider(), file.toString());
    }

    private Path variant(String from, String to) throws Exception {
        String yaml = Files.readString(EMBEDDED);
        assertThat(yaml).contains(from);
        Path file = dir.resolve("variant.yml");
        Files.writeString(file, yaml.replace(from, to));
        return file;
    }

    @Test
    void theEmbeddedDefaultLoads() throws Exception {
        AnastigConfiguration c = load(EMBEDDED);
        assertThat(c.database().mode()).isEqualTo(DatabaseConfig.Mode.EMBEDDED);
        assertThat(c.database().owner().user()).isEqualTo("anastig_owner");
        assertThat(c.storage().managed().provider()).isEqualTo("fs");
        assertThat(c.mail().provider().provider()).isEqualTo("log");
        assertThat(c.plugins().directory()).isEqualTo(Path.of("deploy/plugins"));
        assertThat(c.hazelcast().members()).isEmpty();
        assertThat(c.publicBaseUrl().toString()).isEqualTo("http://localhost:8080");
    }

    @Test
    void sectionsHaveSafeDefaults() {
        HazelcastConfig hz = HazelcastConfig.defaults();
        assertThat(hz.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(hz.members()).isEmpty();
        assertThat(hz.clusterName()).isEqualTo("anastig");
        OutboundConfig out = OutboundConfig.defaults();
        assertThat(out.allowHttp()).isFalse();
        assertThat(out.allowList()).isEmpty();
        assertThat(out.timeouts().connect()).isEqualTo(Duration.ofSeconds(5));
        DatabaseConfig db = new DatabaseConfig(DatabaseConfig.Mode.EMBEDDED, null, null, null, null, null, null, null, null);
        assertThat(db.embeddedDataDirectory()).isEqualTo(Path.of("data", "postgres"));
        assertThat(db.maxPoolSize()).isEqualTo(16);
    }

    @Test
    void productionRefusesToStartWithoutItsEnvironmentVariables() {
        assertThatThrownBy(() -> load(PRODUCTION)).hasMessageContaining("ANASTIG_PUBLIC_BASE_URL");
    }

    @Test
    void aMissingSettingIsNamed() throws Exception {
        Path file = variant("  app:\n    user: anastig_app\n    password: embedded-app\n", "");
        assertThatThrownBy(() -> load(file)).hasMessageContaining("database.app");
    }

    @Test
    void aMalformedValueIsNamed() throws Exception {
        Path file = variant("  port: 5701", "  port: many");
        assertThatThrownBy(() -> load(file)).hasMessageContaining("hazelcast").hasMessageContaining("port");
    }

    @Test
    void anUnknownSettingIsNamed() throws Exception {
        Path file = variant("  maxPoolSize: 16", "  maxPoolSize: 16\n  maxPoolSise: 3");
        assertThatThrownBy(() -> load(file)).hasMessageContaining("maxPoolSise");
    }

    @Test
    void anExternalDatabaseNeedsAUrl() throws Exception {
        Path file = variant("  mode: embedded", "  mode: external");
        assertThatThrownBy(() -> load(file)).hasMessageContaining("database.url");
    }

    @Test
    void aPublicBaseUrlWithCredentialsIsRefused() throws Exception {
        Path file = variant("publicBaseUrl: http://localhost:8080", "publicBaseUrl: http://user:pw@localhost:8080");
        assertThatThrownBy(() -> load(file)).hasMessageContaining("publicBaseUrl");
    }

    @Test
    void aMalformedAllowListEntryIsNamed() throws Exception {
        Path file = variant("  allowList: []", "  allowList: [\"http://minio.internal\"]");
        assertThatThrownBy(() -> load(file)).hasMessageContaining("outbound.allowList");
        Path good = variant("  allowList: []", "  allowList: [\"http://127.0.0.1:9000\"]");
        assertThat(load(good).outbound().tenantAllowList().entries()).containsExactly("http://127.0.0.1:9000");
    }

    @Test
    void databaseCredentialsNeverPrintThePassword() throws Exception {
        assertThat(load(EMBEDDED).database().owner().toString()).doesNotContain("embedded-owner");
    }
}
