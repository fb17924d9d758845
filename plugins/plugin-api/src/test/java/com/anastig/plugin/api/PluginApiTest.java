package com.anastig.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PluginApiTest {
    @Test
    void versionConstantMatchesTheBuild() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/plugin-api-version.properties")) {
            p.load(in);
        }
        assertThat(PluginApi.VERSION).isEqualTo(p.getProperty("pom.plugin-api.version"));
    }
}
