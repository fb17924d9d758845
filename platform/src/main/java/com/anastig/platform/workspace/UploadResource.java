package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.PathIds;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** {@code /api/v1/orgs/{orgId}/projects/{projectId}/images/uploads}: direct uploads to the bucket (presigned PUT, then complete). */
@Path("/api/v1/orgs/{orgId}/projects/{projectId}/images/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UploadResource {
    private final DirectUploads uploads;

    public UploadResource(DirectUploads uploads) {
        this.uploads = uploads;
    }

    /** What the client is about to upload. */
    public record CreateBody(@JsonProperty("filename") String filename, @JsonProperty("contentType") String contentType,
                             @JsonProperty("sizeBytes") Long sizeBytes, @JsonProperty("sha256") String sha256) {
    }

    @POST
    @Requires(Permission.DATA_WRITE)
    @Operation(summary = "Start a direct upload: 201 {uploadId, url, headers, expiresAt}; PUT the bytes to url with headers, then complete",
        tags = "images")
    public Response create(@PathParam("projectId") String projectId, CreateBody body, @Context ContainerRequestContext request) {
        UUID project = PathIds.uuid(projectId);
        if (body == null) {
            throw ApiException.badRequest("body_required", "Send {\"filename\", \"contentType\", \"sizeBytes\", \"sha256\"}.");
        }
        DirectUploads.Created created = uploads.create(OrgScope.of(request), project,
            new DirectUploads.Declared(body.filename(), body.contentType(), body.sizeBytes(), body.sha256()));
        return Response.status(201).entity(created).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{uploadId}/complete")
    @Requires(Permission.DATA_WRITE)
    @Operation(summary = "Check the uploaded object (size, SHA-256, type, structure, dimensions) and register it: 201, or 200 with the"
        + " project's image that has the same bytes", tags = "images")
    public Response complete(@PathParam("projectId") String projectId, @PathParam("uploadId") String uploadId,
                             @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        Images.Uploaded done = uploads.complete(scope, PathIds.uuid(projectId), PathIds.uuid(uploadId), Actor.of(scope, request));
        return Response.status(done.created() ? 201 : 200).entity(done.image()).build();
    }
}
