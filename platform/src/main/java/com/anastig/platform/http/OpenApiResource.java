package com.anastig.platform.http;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.integration.JaxrsOpenApiContextBuilder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI document of every resource under
 * {@code com.anastig.platform}, generated from the JAX-RS annotations so it cannot drift from the code.
 */
@Path("/api/v1/openapi.json")
public final class OpenApiResource {
    private final String contextId = "anastig-" + UUID.randomUUID();
    private final String version;
    private volatile String document;

    public OpenApiResource(String version) {
        this.version = version;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The OpenAPI document of this API", tags = "meta")
    public Response openApi() throws Exception {
        String d = document;
        if (d == null) {
            d = build();
            document = d;
        }
        return Response.ok(d, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-cache").build();
    }

    private synchronized String build() throws Exception {
        if (document != null) {
            return document;
        }
        OpenAPI base = new OpenAPI().info(new Info().title("Anastig API").version(version)
            .description("The HTTP contract of Anastig: JSON in and out, errors as application/problem+json."));
        SwaggerConfiguration configuration = new SwaggerConfiguration()
            .openAPI(base)
            .prettyPrint(true)
            .readAllResources(true)
            .resourcePackages(Set.of("com.anastig.platform"));
        OpenAPI api = new JaxrsOpenApiContextBuilder<>()
            .ctxId(contextId)
            .openApiConfiguration(configuration)
            .buildContext(true)
            .read();
        return Json.pretty(api);
    }
}
