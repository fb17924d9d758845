package com.anastig.platform.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigApplication;
import com.anastig.platform.http.ProblemMappers;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A refusal answers 429 problem+json with code throttled and an integer Retry-After of at least 1. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ThrottledExceptionMapperTest {

    @Path("/t")
    public static class Probe {
        @GET
        @Path("/42")
        public String fortyTwo() {
            throw new ThrottledException(Limit.SIGN_UP_PER_IP, 42);
        }

        @GET
        @Path("/soon")
        public String soon() {
            throw new ThrottledException(Limit.SIGN_UP_PER_IP, ThrottledException.secondsFromNanos(1));
        }
    }

    static final ResourceExtension RESOURCES = build();

    private static ResourceExtension build() {
        ResourceExtension.Builder b = ResourceExtension.builder()
            .setMapper(AnastigApplication.configureObjectMapper(Jackson.newObjectMapper()))
            .setRegisterDefaultExceptionMappers(false)
            .addResource(new Probe())
            .addProvider(new ThrottledExceptionMapper());
        ProblemMappers.all(error -> { }).forEach(b::addProvider);
        return b.build();
    }

    @Test
    void refusalIs429WithRetryAfterAndTheProblemShape() {
        Response r = RESOURCES.target("/t/42").request().get();
        assertThat(r.getStatus()).isEqualTo(429);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("42");
        assertThat(r.getMediaType().toString()).startsWith("application/problem+json");
        JsonNode p = r.readEntity(JsonNode.class);
        assertThat(p.path("code").asText()).isEqualTo("throttled");
        assertThat(p.path("status").asInt()).isEqualTo(429);
        assertThat(p.path("type").asText()).isEqualTo("urn:anastig:problem:throttled");
        assertThat(p.path("title").asText()).isEqualTo("Too many requests");
        assertThat(p.path("detail").asText()).contains("42 seconds");
    }

    @Test
    void retryAfterIsNeverBelowOneSecond() {
        Response r = RESOURCES.target("/t/soon").request().get();
        assertThat(r.getStatus()).isEqualTo(429);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("1");
    }

    @Test
    void secondsRoundUp() {
        assertThat(ThrottledException.secondsFromNanos(0)).isEqualTo(1);
        assertThat(ThrottledException.secondsFromNanos(1)).isEqualTo(1);
        assertThat(ThrottledException.secondsFromNanos(1_000_000_000L)).isEqualTo(1);
        assertThat(ThrottledException.secondsFromNanos(1_000_000_001L)).isEqualTo(2);
        assertThat(ThrottledException.secondsFromNanos(59_500_000_000L)).isEqualTo(60);
        assertThat(new ThrottledException(Limit.API_PER_TOKEN, 0).retryAfterSeconds()).isEqualTo(1);
    }
}
