package com.anastig.platform.techdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The filter in a real Jetty + Jersey stack (loopback only): the socket peer is 127.0.0.1, trusted as
 * a proxy by one app and not by the other, so forwarded headers count in the first and are ignored
 * (spoofing) in the second. The country comes from a MaxMind database written by the test.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TechDataFilterIT {
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    static final DropwizardAppExtension<Configuration> BEHIND_PROXY = app(List.of("127.0.0.1/32", "::1/128"));
    static final DropwizardAppExtension<Configuration> DIRECT = app(List.of());

    /** Shows what the filter computed, read both ways a resource can read it. */
    @Path("/whoami")
    public static class Probe {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, String> whoami(@Context ContainerRequest request, @Context HttpServletRequest servlet) {
            TechnicalData data = TechnicalData.from(request);
            assertThat(TechnicalData.from(servlet)).isSameAs(data);
            Map<String, String> out = new LinkedHashMap<>();
            out.put("country", data.countryCode());
            out.put("userAgent", data.userAgentSummary());
            out.put("ip", data.clientIp());
            return out;
        }
    }

    /** A minimal application registering the filter the way AnastigApplication does. */
    static final class ProbeApp extends Application<Configuration> {
        private final TechDataConfig config;

        ProbeApp(TechDataConfig config) {
            this.config = config;
        }

        @Override
        public void run(Configuration configuration, Environment environment) {
            RequestTechData techData = RequestTechData.create(config);
            environment.lifecycle().manage(techData.country());
            environment.jersey().register(new TechDataFilter(techData));
            environment.jersey().register(new Probe());
        }
    }

    private static DropwizardAppExtension<Configuration> app(List<String> trustedProxies) {
        java.nio.file.Path db;
        try {
            db = Files.createTempFile("anastig-country", ".mmdb");
            Files.write(db, new MmdbTestWriter().country("203.0.113.0/24", "DE").country("2001:db8::/32", "FR").build());
            db.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TechDataConfig config = new TechDataConfig(trustedProxies, "CF-IPCountry", db);
        ConfigOverride[] loopback = {
            ConfigOverride.config("server.applicationConnectors[0].bindHost", "127.0.0.1"),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].bindHost", "127.0.0.1"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("logging.level", "WARN")};
        return new DropwizardAppExtension<>(new DropwizardTestSupport<>(ProbeApp.class, "", loopback) {
            @Override
            public Application<Configuration> newApplication() {
                return new ProbeApp(config);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> get(DropwizardAppExtension<Configuration> app, Map<String, String> headers) {
        var request = app.client().target("http://127.0.0.1:" + app.getLocalPort() + "/whoami").request();
        headers.forEach(request::header);
        return request.get(Map.class);
    }

    @Test
    void behindATrustedProxyTheForwardedClientAndCountryHeaderCount() {
        Map<String, String> viaHeader = get(BEHIND_PROXY,
            Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.5", "CF-IPCountry", "ch", "User-Agent", FIREFOX));
        assertThat(viaHeader).containsEntry("ip", "203.0.113.5").containsEntry("country", "CH")
            .containsEntry("userAgent", "Firefox on desktop");
        Map<String, String> viaDatabase = get(BEHIND_PROXY, Map.of("X-Forwarded-For", "2001:db8::7"));
        assertThat(viaDatabase).containsEntry("ip", "2001:db8::7").containsEntry("country", "FR");
        Map<String, String> unknown = get(BEHIND_PROXY, Map.of("X-Forwarded-For", "198.51.100.1", "CF-IPCountry", "XX"));
        assertThat(unknown).containsEntry("ip", "198.51.100.1").containsEntry("country", null);
    }

    @Test
    void withoutATrustedProxySpoofedHeadersAreIgnored() {
        Map<String, String> spoofed = get(DIRECT,
            Map.of("X-Forwarded-For", "203.0.113.5", "CF-IPCountry", "DE", "User-Agent", FIREFOX));
        assertThat(spoofed).containsEntry("ip", "127.0.0.1").containsEntry("country", null)
            .containsEntry("userAgent", "Firefox on desktop");
    }
}
