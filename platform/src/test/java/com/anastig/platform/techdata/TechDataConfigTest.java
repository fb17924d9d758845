package com.anastig.platform.techdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The technicalData section: safe defaults, and a bad CIDR refuses to start with the setting named. */
class TechDataConfigTest {
    @TempDir
    Path dir;

    private TechDataConfig load(String yaml) throws Exception {
        Path file = dir.resolve("technicalData.yml");
        Files.writeString(file, yaml);
        return new YamlConfigurationFactory<>(TechDataConfig.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
            .build(new FileConfigurationSourceProvider(), file.toString());
    }

    @Test
    void defaultsTrustNoProxyAndKnowNoCountry() throws Exception {
        for (TechDataConfig c : new TechDataConfig[] {TechDataConfig.defaults(), load("{}")}) {
            assertThat(c.trustedProxies()).isEmpty();
            assertThat(c.trustedProxyNetworks()).isEmpty();
            assertThat(c.countryHeader()).isNull();
            assertThat(c.geoIpDatabase()).isNull();
        }
    }

    @Test
    void proxiesHeaderAndDatabaseLoad() throws Exception {
        TechDataConfig c = load("trustedProxies: [10.0.0.0/8, '2001:db8::/32', 192.0.2.7]\n"
            + "countryHeader: CF-IPCountry\ngeoIpDatabase: /var/lib/geoip/country.mmdb\n");
        assertThat(c.trustedProxyNetworks()).extracting(Cidr::toString)
            .containsExactly("10.0.0.0/8", "2001:db8::/32", "192.0.2.7/32");
        assertThat(c.countryHeader()).isEqualTo("CF-IPCountry");
        assertThat(c.geoIpDatabase()).isEqualTo(Path.of("/var/lib/geoip/country.mmdb"));
    }

    @Test
    void aBadCidrIsRefusedAndTheSettingNamed() {
        for (String bad : new String[] {"10.0.0.0/33", "proxy.example.com", "10.0.0/8", "2001:db8::/129", "''"}) {
            assertThatThrownBy(() -> load("trustedProxies: [10.0.0.0/8, " + bad + "]\n"))
                .as(bad).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("technicalData.trustedProxies");
        }
    }

    @Test
    void aBadHeaderNameIsRefused() {
        assertThatThrownBy(() -> load("countryHeader: \"CF IPCountry\\r\\nX\"\n"))
            .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("countryHeader");
    }
}
