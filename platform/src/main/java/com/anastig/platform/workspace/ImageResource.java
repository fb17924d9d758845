package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.PathIds;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
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
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/** {@code /api/v1/orgs/{orgId}/projects/{projectId}/images}: upload, list, read, delete, bytes, thumbnails and annotations. */
@Path("/api/v1/orgs/{orgId}/projects/{projectId}/images")
@Produces(MediaType.APPLICATION_JSON)
public final class ImageResource {
    private final Images images;
    private final Annotations annotations;
    private final java.time.Duration downloadTtl;
    private final Clock clock;

    public ImageResource(Images images, Annotations annotations, java.time.Duration downloadTtl, Clock clock) {
        this.images = images;
        this.annotations = annotations;
        this.downloadTtl = downloadTtl;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.DATA_WRITE)
    @Operation(summary = "Upload an image: the raw bytes (Content-Type image/jpeg|png|webp, ?filename=) or multipart/form-data with a"
        + " 'file' part; 201, or 200 with the existing image when the project has these bytes already", tags = "images")
    public Response upload(@PathParam("projectId") String projectId, @QueryParam("filename") String filename,
                           @Context ContainerRequestContext request, @Context HttpServletRequest servlet) throws IOException {
        OrgScope scope = OrgScope.of(request);
        UUID project = PathIds.uuid(projectId);
        Actor actor = Actor.of(scope, request);
        MediaType type = request.getMediaType();
        Images.Uploaded uploaded;
        if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            uploaded = multipart(scope, project, servlet, actor);
        } else {
            uploaded = images.upload(scope, project, request.getEntityStream(), type == null ? null : type.getType() + "/" + type.getSubtype(),
                filename, request.getLength(), actor);
        }
        return Response.status(uploaded.created() ? 201 : 200).entity(uploaded.image()).build();
    }

    private Images.Uploaded multipart(OrgScope scope, UUID project, HttpServletRequest servlet, Actor actor) throws IOException {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setFileCountMax(20);
        FileItemInputIterator parts;
        try {
            parts = upload.getItemIterator(servlet);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (!part.isFormField() && "file".equals(part.getFieldName())) {
                    try (InputStream raw = part.getInputStream(); java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw)) {
                        String type = partType(part);
                        if (type == null || com.anastig.platform.image.ImageFormat.ofMediaType(type).isEmpty()) {
                            type = sniff(in); // browsers label some files application/octet-stream: go by the bytes
                        }
                        return images.upload(scope, project, in, type, part.getName(), -1, actor);
                    }
                }
            }
        } catch (org.apache.commons.fileupload2.core.FileUploadException e) {
            throw ApiException.badRequest("invalid_multipart", "The multipart body could not be read.");
        }
        throw ApiException.badRequest("file_required", "Send the image in a multipart part named \"file\".");
    }

    /** The image type the first bytes announce, or null; the stream is reset to its start. */
    static String sniff(java.io.BufferedInputStream in) throws IOException {
        in.mark(16);
        byte[] head = in.readNBytes(12);
        in.reset();
        if (head.length >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (head.length >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return "image/png";
        }
        if (head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W' && head[9] == 'E'
            && head[10] == 'B' && head[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    private static String partType(FileItemInput part) {
        String t = part.getContentType();
        if (t == null) {
            return null;
        }
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    @GET
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "A project's images, oldest first; ?annotated=true|false, ?labelClass=<id or name>", tags = "images")
    public Paging.Page<Images.Image> list(@PathParam("projectId") String projectId, @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor, @QueryParam("annotated") String annotated,
                                          @QueryParam("labelClass") String labelClass, @Context ContainerRequestContext request) {
        Boolean filter = annotated == null ? null : switch (annotated) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badRequest("invalid_filter", "annotated must be true or false.");
        };
        return images.list(OrgScope.of(request), PathIds.uuid(projectId), Paging.of(limit, cursor), filter, labelClass);
    }

    @GET
    @Path("{imageId}")
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "An image's metadata", tags = "images")
    public Images.Image get(@PathParam("projectId") String projectId, @PathParam("imageId") String imageId,
                            @Context ContainerRequestContext request) {
        return images.get(OrgScope.of(request), PathIds.uuid(projectId), PathIds.uuid(imageId));
    }

    @DELETE
    @Path("{imageId}")
    @Requires(Permission.DATA_WRITE)
    @Operation(summary = "Delete an image with its annotations and thumbnail (204)", tags = "images")
    public Response delete(@PathParam("projectId") String projectId, @PathParam("imageId") String imageId,
                           @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        images.delete(scope, PathIds.uuid(projectId), PathIds.uuid(imageId), Actor.of(scope, request));
        return Response.noContent().build();
    }

    @GET
    @Path("{imageId}/content")
    @Produces(MediaType.WILDCARD)
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "The image's bytes: 302 to a short-lived presigned URL where the storage supports it, else streamed (with Range)",
        tags = "images")
    public Response content(@PathParam("projectId") String projectId, @PathParam("imageId") String imageId,
                            @HeaderParam("Range") String range, @Context ContainerRequestContext request) {
        return serve(request, projectId, imageId, false, range);
    }

    @GET
    @Path("{imageId}/thumbnail")
    @Produces(MediaType.WILDCARD)
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "The image's grid thumbnail (404 until it is made)", tags = "images")
    public Response thumbnail(@PathParam("projectId") String projectId, @PathParam("imageId") String imageId,
                              @Context ContainerRequestContext request) {
        return serve(request, projectId, imageId, true, null);
    }

    private Response serve(ContainerRequestContext request, String projectId, String imageId, boolean thumbnail, String rangeHeader) {
        Images.Located at = images.content(OrgScope.of(request), PathIds.uuid(projectId), PathIds.uuid(imageId), thumbnail);
        return Downloads.serve(at.store().store(), at.store().key(at.key()), at.size(), rangeHeader, at.hints(), downloadTtl, clock,
            "private, max-age=86400, immutable", thumbnail ? null : "\"" + at.image().sha256() + "\"");
    }

    @GET
    @Path("{imageId}/annotations")
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "The image's annotations, with their version as ETag", tags = "annotations")
    public Response annotations(@PathParam("projectId") String projectId, @PathParam("imageId") String imageId,
                                @Context ContainerRequestContext request) {
        Annotations.Listed listed = annotations.get(OrgScope.of(request), PathIds.uuid(projectId), PathIds.uuid(imageId));
        return Response.ok(listed.shapes()).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(listed.version())))
            .header("Cache-Control", "no-cache").build();
    }

    @PUT
    @Path("{imageId}/annotations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.DATA_WRITE)
    @Operation(summary = "Replace the image's annotations; If-Match with the ETag read (428 without, 412 when stale)", tags = "annotations")
    public Response saveAnnotations(@PathParam("projectId") String projectId, @PathParam("imageId") String imageId,
                                    @HeaderParam("If-Match") String ifMatch, List<Annotations.Incoming> body,
                                    @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        Annotations.Listed listed = annotations.put(scope, PathIds.uuid(projectId), PathIds.uuid(imageId), ifMatch, body,
            Actor.of(scope, request));
        return Response.ok(listed.shapes()).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(listed.version()))).build();
    }
}
