package com.anastig.platform.storage;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.PathIds;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Permission;
import com.anastig.platform.tenant.Requires;
import com.anastig.platform.tenant.TenantDb;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

/** {@code /api/v1/orgs/{orgId}/storage}: the organization's storage setting, its test, and migrations. */
@Path("/api/v1/orgs/{orgId}/storage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class StorageResource {
    private final StorageSettingService settings;
    private final TenantDb db;
    private final JobQueue jobs;
    private final AuditLog audit;
    private final ObjectMapper json;

    public StorageResource(StorageSettingService settings, TenantDb db, JobQueue jobs, AuditLog audit, ObjectMapper json) {
        this.settings = settings;
        this.db = db;
        this.jobs = jobs;
        this.audit = audit;
        this.json = json;
    }

    @GET
    @Requires(Permission.STORAGE_READ)
    @Operation(summary = "The storage setting (the secret shown as ********) and a running migration", tags = "storage")
    public ObjectNode get(@Context ContainerRequestContext request) {
        StorageSettingService.View view = settings.view(OrgScope.of(request));
        ObjectNode node = json.valueToTree(view.setting());
        view.migration().ifPresent(id -> node.putObject("migration").put("id", id.toString()));
        return node;
    }

    @POST
    @Path("test")
    @Requires(Permission.STORAGE_MANAGE)
    @Operation(summary = "Test a setting: resolve, connect, auth, write, read, delete, presign", tags = "storage")
    public StorageSettingService.TestResult test(byte[] body, @Context ContainerRequestContext request) {
        return settings.test(OrgScope.of(request), requireBody(body));
    }

    @PUT
    @Requires(Permission.STORAGE_MANAGE)
    @Operation(summary = "Change the setting after a passing test: 200 at once, or 202 with a migration when objects exist", tags = "storage")
    public Response put(byte[] body, @Context ContainerRequestContext request) {
        OrgScope scope = OrgScope.of(request);
        StorageSettingService.Changed changed = settings.change(scope, requireBody(body), Actor.of(scope, request));
        if (changed.migration().isPresent()) {
            return Response.accepted(Map.of("migration", Map.of("id", changed.migration().get().toString()))).build();
        }
        return Response.ok(get(request)).build();
    }

    @GET
    @Path("migrations/{id}")
    @Requires(Permission.STORAGE_MANAGE)
    @Operation(summary = "A migration's status and progress", tags = "storage")
    public Map<String, Object> migration(@PathParam("id") String id, @Context ContainerRequestContext request) {
        UUID migration = PathIds.uuid(id);
        return db.inOrg(OrgScope.of(request), t -> t.handle().createQuery("SELECT m.status, j.status AS job, m.done, m.total, m.bytes,"
                + " m.source_purged_at IS NOT NULL AS purged FROM storage_migration m JOIN job j ON j.id = m.job_id WHERE m.id = :id")
            .bind("id", migration)
            .map((rs, ctx) -> {
                String status = "running".equals(rs.getString(1)) && "failed".equals(rs.getString(2)) ? "failed" : rs.getString(1);
                Map<String, Object> progress = new java.util.HashMap<>();
                progress.put("done", rs.getLong(3));
                progress.put("total", rs.getObject(4));
                return Map.<String, Object>of("id", migration.toString(), "status", status, "progress", progress, "bytes", rs.getLong(5),
                    "sourcePurged", rs.getBoolean(6));
            })
            .findOne().orElseThrow(ApiException::notFound));
    }

    @POST
    @Path("migrations/{id}/purge-source")
    @Requires(Permission.STORAGE_PURGE_SOURCE)
    @Operation(summary = "After a finished migration, delete what the platform wrote in the old location (owner; 202)", tags = "storage")
    public Response purgeSource(@PathParam("id") String id, @Context ContainerRequestContext request) {
        UUID migration = PathIds.uuid(id);
        OrgScope scope = OrgScope.of(request);
        UUID job = db.inOrg(scope, t -> {
            Map<String, Object> row = t.handle().createQuery("SELECT status, purge_job_id FROM storage_migration WHERE id = :id FOR UPDATE")
                .bind("id", migration).mapToMap().findOne().orElseThrow(ApiException::notFound);
            if (!"done".equals(row.get("status"))) {
                throw ApiException.conflict("migration_not_finished", "Only a finished migration's old location can be purged.");
            }
            if (row.get("purge_job_id") != null) {
                return (UUID) row.get("purge_job_id");
            }
            UUID queued = jobs.enqueue(t, StorageSourcePurgeJob.KIND, migration);
            t.handle().createUpdate("UPDATE storage_migration SET purge_job_id = :job WHERE id = :id").bind("job", queued).bind("id", migration)
                .execute();
            audit.append(t, Actor.of(scope, request), AuditEntry.of("storage.source_purge_requested", "storage_migration", migration));
            return queued;
        });
        return Response.accepted(Map.of("id", migration.toString(), "purgeJob", job.toString())).build();
    }

    private static byte[] requireBody(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("body_required", "Send a storage setting.");
        }
        return body;
    }
}
