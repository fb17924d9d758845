package com.anastig.platform.techdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Outside a servlet container (Jersey's in-memory test stack) the filter still runs: the IP is unknown. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TechDataFilterInMemoryTest {

    @Path("/summary")
    public static class Probe {
        @GET
        public String summary(@Context ContainerRequest request) {
            TechnicalData data = TechnicalData.from(request);
            return data.userAgentSummary() + "|" + data.clientIp() + "|" + data.countryCode();
        }
    }

    static final ResourceExtension RESOURCES = ResourceExtension.builder()
        .addProvider(new TechDataFilter(RequestTechData.create(TechDataConfig.defaults())))
        .addResource(new Probe())
        .build();

    @Test
    void theFilterRunsWithoutAServletRequest() {
        String answer = RESOURCES.target("/summary").request()
            .header("User-Agent", "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0")
            .header("X-Forwarded-For", "203.0.113.5").get(String.class);
        assertThat(answer).isEqualTo("Firefox on mobile|unknown|null");
    }
}
