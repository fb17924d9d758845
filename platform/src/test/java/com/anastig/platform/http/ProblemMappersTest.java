package com.anastig.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigApplication;
import com.anastig.plugin.api.ProviderException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every error family answers application/problem+json with a stable code and nothing internal. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProblemMappersTest {

    public record Body(@NotBlank @Size(max = 5) String name) {
    }

    @Path("/t")
    public static class Probe {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public String create(@Valid @jakarta.validation.constraints.NotNull Body body) {
            return body.name();
        }

        @GET
        @Path("/boom")
        public String boom() {
            throw new IllegalStateException("SELECT secret FROM accounts");
        }

        @GET
        @Path("/domain")
        public String domain() {
            throw ApiException.conflict("sole_owner", "You are the only owner.");
        }

        @GET
        @Path("/storage")
        public String storage() {
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "connect to 10.1.2.3:9000 refused");
        }
    }

    static final ResourceExtension RESOURCES = build();

    private static ResourceExtension build() {
        ResourceExtension.Builder b = ResourceExtension.builder()
            .setMapper(AnastigApplication.configureObjectMapper(Jackson.newObjectMapper()))
            .setRegisterDefaultExceptionMappers(false)
            .addResource(new Probe())
            .addProvider(new JsonBodyLimitFilter(1024));
        ProblemMappers.all(error -> { }).forEach(b::addProvider);
        return b.build();
    }

    private static Response post(String json) {
        return RESOURCES.target("/t").request().post(jakarta.ws.rs.client.Entity.json(json));
    }

    private static JsonNode problem(Response r) {
        assertThat(r.getMediaType().toString()).startsWith("application/problem+json");
        return r.readEntity(JsonNode.class);
    }

    @Test
    void unknownFieldIsRefusedAndNamed() {
        Response r = post("{\"name\":\"a\",\"admin\":true}");
        assertThat(r.getStatus()).isEqualTo(400);
        JsonNode p = problem(r);
        assertThat(p.path("code").asText()).isEqualTo("unknown_field");
        assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("admin");
    }

    @Test
    void duplicateFieldIsRefused() {
        Response r = post("{\"name\":\"a\",\"name\":\"b\"}");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(problem(r).path("code").asText()).isEqualTo("duplicate_field");
    }

    @Test
    void malformedJsonIsRefused() {
        Response r = post("{\"name\":");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(problem(r).path("code").asText()).isEqualTo("malformed_json");
    }

    @Test
    void validationErrorsNameTheFields() {
        Response r = post("{\"name\":\"much too long\"}");
        assertThat(r.getStatus()).isEqualTo(400);
        JsonNode p = problem(r);
        assertThat(p.path("code").asText()).isEqualTo("validation_failed");
        assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("name");
    }

    @Test
    void unexpectedErrorsShowOnlyACorrelationId() {
        Response r = RESOURCES.target("/t/boom").request().get();
        assertThat(r.getStatus()).isEqualTo(500);
        JsonNode p = problem(r);
        assertThat(p.path("code").asText()).isEqualTo("internal_error");
        assertThat(p.path("correlationId").asText()).isNotBlank();
        assertThat(p.toString()).doesNotContain("SELECT").doesNotContain("IllegalState").doesNotContain("at com.");
    }

    @Test
    void domainErrorsKeepTheirCode() {
        Response r = RESOURCES.target("/t/domain").request().get();
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(problem(r).path("code").asText()).isEqualTo("sole_owner");
    }

    @Test
    void providerOutagesAre503WithRetryAfterAndNoHostNames() {
        Response r = RESOURCES.target("/t/storage").request().get();
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("30");
        JsonNode p = problem(r);
        assertThat(p.path("code").asText()).isEqualTo("storage_unreachable");
        assertThat(p.toString()).doesNotContain("10.1.2.3");
    }

    @Test
    void oversizedJsonIsRefusedBeforeParsing() {
        Response r = post("{\"name\":\"" + "x".repeat(2000) + "\"}");
        assertThat(r.getStatus()).isEqualTo(413);
        assertThat(problem(r).path("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void unsupportedMediaTypeIsProblemJson() {
        Response r = RESOURCES.target("/t").request().post(jakarta.ws.rs.client.Entity.text("hello"));
        assertThat(r.getStatus()).isEqualTo(415);
        assertThat(problem(r).path("code").asText()).isEqualTo("unsupported_media_type");
    }
}
