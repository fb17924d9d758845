package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.PathIds;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/** {@code /api/v1/orgs/{orgId}/projects/{projectId}/models}: the model registry and its artifacts. */
@Path("/api/v1/orgs/{orgId}/projects/{projectId}/models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ModelResource {
    private final Models models;
    private final WorkspaceConfig config;
    private final Clock clock;

    public ModelResource(Models models, WorkspaceConfig config, Clock clock) {
        this.models = models;
        this.config = config;
        this.clock = clock;
    }

    /** A new model. */
    public record CreateBody(@JsonProperty("name") String name, @JsonProperty("framework") String framework,
                             @JsonProperty("metrics") JsonNode metrics) {
    }

    @POST
    @Requires(Permission.DATA_WRITE)
    @Operation(summary = "Register a model (201); its artifact is uploaded with PUT .../artifact", tags = "models")
    public Response create(@PathParam("projectId") String projectId, CreateBody body, @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        if (body == null) {
            throw ApiException.badRequest("body_required", "Send {\"name\", \"framework\", \"metrics\"?}.");
        }
        return Response.status(201).entity(models.create(scope, PathIds.uuid(projectId), body.name(), body.framework(), body.metrics(),
            Actor.of(scope, request))).build();
    }

    @GET
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "A project's models, oldest first", tags = "models")
    public Paging.Page<Models.Model> list(@PathParam("projectId") String projectId, @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor, @Context ContainerRequestContext request) {
        return models.list(OrgScope.of(request), PathIds.uuid(projectId), Paging.of(limit, cursor));
    }

    @GET
    @Path("{modelId}")
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "A model", tags = "models")
    public Models.Model get(@PathParam("projectId") String projectId, @PathParam("modelId") String modelId,
                            @Context ContainerRequestContext request) {
        return models.get(OrgScope.of(request), PathIds.uuid(projectId), PathIds.uuid(modelId));
    }

    @DELETE
    @Path("{modelId}")
    @Requires(Permission.DATA_WRITE)
    @Operation(summary = "Delete a model and its artifact (204)", tags = "models")
    public Response delete(@PathParam("projectId") String projectId, @PathParam("modelId") String modelId,
                           @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        models.delete(scope, PathIds.uuid(projectId), PathIds.uuid(modelId), Actor.of(scope, request));
        return Response.noContent().build();
    }

    @PUT
    @Path("{modelId}/artifact")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.DATA_WRITE)
    @Operation(summary = "Upload the model's artifact as the raw body (streamed; ?filename=); replaces an earlier one", tags = "models")
    public Models.Model upload(@PathParam("projectId") String projectId, @PathParam("modelId") String modelId,
                               @QueryParam("filename") String filename, @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        MediaType type = request.getMediaType();
        return models.upload(scope, PathIds.uuid(projectId), PathIds.uuid(modelId), request.getEntityStream(),
            type == null ? null : type.getType() + "/" + type.getSubtype(), filename, request.getLength(), Actor.of(scope, request));
    }

    @GET
    @Path("{modelId}/artifact")
    @Produces(MediaType.WILDCARD)
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "The artifact: 302 to a short-lived presigned URL where the storage supports it, else streamed (with Range)",
        tags = "models")
    public Response download(@PathParam("projectId") String projectId, @PathParam("modelId") String modelId,
                             @HeaderParam("Range") String rangeHeader, @Context ContainerRequestContext request) {
        Models.Located at = models.artifact(OrgScope.of(request), PathIds.uuid(projectId), PathIds.uuid(modelId));
        return Downloads.serve(at.store().store(), at.store().key(at.key()), at.model().artifact().sizeBytes(), rangeHeader, at.hints(),
            config.downloadUrlTtl(), clock, "private, no-cache", "\"" + at.model().artifact().sha256() + "\"");
    }
}
