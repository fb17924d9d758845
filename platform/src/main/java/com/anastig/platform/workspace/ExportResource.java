package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.PathIds;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/** {@code /api/v1/orgs/{orgId}/projects/{projectId}/exports}: dataset exports (COCO, YOLO, Pascal VOC) and their download links. */
@Path("/api/v1/orgs/{orgId}/projects/{projectId}/exports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ExportResource {
    private final Exports exports;
    private final WorkspaceConfig config;
    private final Clock clock;

    public ExportResource(Exports exports, WorkspaceConfig config, Clock clock) {
        this.exports = exports;
        this.config = config;
        this.clock = clock;
    }

    /** What to export. */
    public record StartBody(@JsonProperty("format") String format, @JsonProperty("includeImages") Boolean includeImages) {
    }

    @POST
    @Requires(Permission.DATASETS_RUN)
    @Operation(summary = "Start an export (202 {id, status}); follow it with GET .../exports/{id}", tags = "exports")
    public Response start(@PathParam("projectId") String projectId, StartBody body, @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        StartBody b = body == null ? new StartBody(null, null) : body;
        Exports.Export e = exports.start(scope, PathIds.uuid(projectId), b.format(), b.includeImages(), Actor.of(scope, request));
        return Response.status(202).entity(e).build();
    }

    @GET
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "A project's exports, newest first", tags = "exports")
    public Paging.Page<Exports.Export> list(@PathParam("projectId") String projectId, @QueryParam("limit") String limit,
                                            @QueryParam("cursor") String cursor, @Context ContainerRequestContext request) {
        return exports.list(OrgScope.of(request), PathIds.uuid(projectId), Paging.of(limit, cursor));
    }

    @GET
    @Path("{exportId}")
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "An export: status, progress {done, total}, sizeBytes, downloadUrl (a platform link) and expiresAt", tags = "exports")
    public Exports.Export get(@PathParam("projectId") String projectId, @PathParam("exportId") String exportId,
                              @Context ContainerRequestContext request) {
        return exports.get(OrgScope.of(request), PathIds.uuid(projectId), PathIds.uuid(exportId));
    }

    @GET
    @Path("{exportId}/download")
    @Produces(MediaType.WILDCARD)
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "Download a finished export: 302 to a presigned URL valid for minutes, or the ZIP streamed; 409 while it runs,"
        + " 410 once expired", tags = "exports")
    public Response download(@PathParam("projectId") String projectId, @PathParam("exportId") String exportId,
                             @HeaderParam("Range") String rangeHeader, @Context ContainerRequestContext request) {
        Exports.Located at = exports.download(OrgScope.of(request), PathIds.uuid(projectId), PathIds.uuid(exportId));
        return Downloads.serve(at.store().store(), at.store().key(at.key()), at.export().sizeBytes(), rangeHeader, at.hints(),
            config.downloadUrlTtl(), clock, "private, no-store", null);
    }
}
