package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.PathIds;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/v1/orgs/{orgId}/projects}: projects and their label classes. */
@Path("/api/v1/orgs/{orgId}/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProjectResource {
    private final Projects projects;

    public ProjectResource(Projects projects) {
        this.projects = projects;
    }

    /** A new project. */
    public record CreateBody(@JsonProperty("name") String name, @JsonProperty("type") String type,
                             @JsonProperty("labelClasses") List<LabelClasses.Wanted> labelClasses) {
    }

    /** A change: a new name and/or the whole wanted list of classes. */
    public record UpdateBody(@JsonProperty("name") String name, @JsonProperty("labelClasses") List<LabelClasses.Wanted> labelClasses) {
    }

    @POST
    @Requires(Permission.PROJECTS_EDIT)
    @Operation(summary = "Create a project with its label classes (201)", tags = "projects")
    public Response create(CreateBody body, @Context ContainerRequestContext request) {
        if (body == null) {
            throw ApiException.badRequest("body_required", "Send {\"name\": ..., \"type\": \"detection|segmentation|classification\"}.");
        }
        OrgScope scope = OrgScope.of(request);
        Projects.Project p = projects.create(scope, body.name(), body.type(), body.labelClasses(), Actor.of(scope, request));
        return Response.status(201).entity(p).build();
    }

    @GET
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "The organization's projects, oldest first", tags = "projects")
    public Paging.Page<Projects.Project> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                              @Context ContainerRequestContext request) {
        return projects.list(OrgScope.of(request), Paging.of(limit, cursor));
    }

    @GET
    @Path("{projectId}")
    @Requires(Permission.PROJECTS_READ)
    @Operation(summary = "A project with its label classes and image count", tags = "projects")
    public Projects.Project get(@PathParam("projectId") String projectId, @Context ContainerRequestContext request) {
        return projects.get(OrgScope.of(request), PathIds.uuid(projectId));
    }

    @PATCH
    @Path("{projectId}")
    @Requires(Permission.PROJECTS_EDIT)
    @Operation(summary = "Rename a project and/or replace its label classes (ids kept rename; ?cascade=true deletes classes in use with their shapes)",
        tags = "projects")
    public Projects.Project update(@PathParam("projectId") String projectId, @QueryParam("cascade") boolean cascade, UpdateBody body,
                                   @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        if (body == null || (body.name() == null && body.labelClasses() == null)) {
            projects.get(scope, PathIds.uuid(projectId)); // a missing project is 404 before the body is judged
            throw ApiException.badRequest("body_required", "Send a new \"name\" and/or the whole \"labelClasses\" list.");
        }
        return projects.update(scope, PathIds.uuid(projectId), body.name(), body.labelClasses(), cascade, Actor.of(scope, request));
    }

    @DELETE
    @Path("{projectId}")
    @Requires(Permission.PROJECTS_DELETE)
    @Operation(summary = "Delete a project: gone from every list at once; its objects and rows are removed in the background (204)",
        tags = "projects")
    public Response delete(@PathParam("projectId") String projectId, @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        projects.delete(scope, PathIds.uuid(projectId), Actor.of(scope, request));
        return Response.noContent().build();
    }
}
