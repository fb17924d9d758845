package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.PathIds;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.UUID;

/** {@code /api/v1/orgs/{orgId}/projects/{projectId}/imports}: COCO imports, from the request body or from the organization's bucket. */
@Path("/api/v1/orgs/{orgId}/projects/{projectId}/imports")
@Produces(MediaType.APPLICATION_JSON)
public final class ImportResource {
    private final Imports imports;
    private final ObjectMapper json;

    public ImportResource(Imports imports, ObjectMapper json) {
        this.imports = imports;
        this.json = json;
    }

    /** An archive already in the organization's bucket. */
    public record FromObject(@JsonProperty("objectKey") String objectKey) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.DATASETS_RUN)
    @Operation(summary = "Import a COCO dataset: a ZIP of images and an instances JSON as the body (application/zip), or"
        + " {\"objectKey\"} of such a ZIP in the organization's storage (relative to orgs/{orgId}/); 202 {id, status}", tags = "imports")
    public Response start(@PathParam("projectId") String projectId, @Context ContainerRequestContext request) throws IOException {
        OrgScope scope = OrgScope.of(request);
        UUID project = PathIds.uuid(projectId);
        Actor actor = Actor.of(scope, request);
        MediaType type = request.getMediaType();
        Imports.Import started;
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            FromObject body;
            try {
                body = json.readValue(request.getEntityStream(), FromObject.class);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                imports.requireProject(scope, project); // 404 for a missing project comes first
                throw ApiException.badRequest("invalid_json", "Send {\"objectKey\": ...}.");
            }
            started = imports.fromObject(scope, project, body == null ? null : body.objectKey(), actor);
        } else if (type != null && (type.isCompatible(new MediaType("application", "zip")) || type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE)
            || type.isCompatible(new MediaType("application", "x-zip-compressed")))) {
            started = imports.fromBody(scope, project, request.getEntityStream(), request.getLength(), actor);
        } else {
            imports.requireProject(scope, project);
            throw new ApiException(415, "unsupported_media_type", "Unsupported media type",
                "Send the ZIP as application/zip, or {\"objectKey\"} as application/json.");
        }
        return Response.status(202).entity(started).build();
    }

    @GET
    @Path("{importId}")
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "An import: status, progress {done, total}, imagesCreated, annotationsCreated and per-item errors", tags = "imports")
    public Imports.Import get(@PathParam("projectId") String projectId, @PathParam("importId") String importId,
                              @Context ContainerRequestContext request) {
        return imports.get(OrgScope.of(request), PathIds.uuid(projectId), PathIds.uuid(importId));
    }
}
