package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.Problem;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import com.anastig.plugin.api.DownloadHints;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Dataset exports: started as a background {@link ExportJob}, followed by status and progress, and
 * downloaded through a platform link that checks access and answers with a presigned URL valid for
 * minutes (or streams) until the export expires. The link itself carries no secret.
 */
public final class Exports {
    public static final List<String> FORMATS = List.of("coco", "yolo", "voc");
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final Usage usage;
    private final AuditLog audit;
    private final JobQueue jobs;
    private final Ids ids;
    private final URI publicBaseUrl;
    private final Clock clock;

    public Exports(TenantDb db, WorkspaceStorage storage, Usage usage, AuditLog audit, JobQueue jobs, Ids ids, URI publicBaseUrl, Clock clock) {
        this.db = db;
        this.storage = storage;
        this.usage = usage;
        this.audit = audit;
        this.jobs = jobs;
        this.ids = ids;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    /** Done and total images (each pass over the images counts). */
    public record Progress(long done, Long total) {
    }

    /** An export on the wire. */
    public record Export(UUID id, UUID projectId, String format, boolean includeImages, String status, Progress progress, Long sizeBytes,
                         String downloadUrl, Instant expiresAt, boolean expired, String error, Instant createdAt, Instant finishedAt) {
    }

    private static final String COLUMNS = "e.id, e.project_id, e.format, e.include_images, e.status, e.done, e.total, e.size_bytes,"
        + " e.object_key, e.expires_at, e.created_at, e.finished_at, j.status, e.error";

    private RowMapper<Export> mapper(String orgId) {
        return (rs, ctx) -> {
            UUID id = rs.getObject(1, UUID.class);
            UUID project = rs.getObject(2, UUID.class);
            String status = rs.getString(5);
            String error = rs.getString(14);
            if (!"done".equals(status) && "failed".equals(rs.getString(13))) {
                status = "failed";
                error = error == null ? "The export failed; start a new one." : error;
            }
            Instant expires = instant(rs.getObject(10, OffsetDateTime.class));
            boolean available = "done".equals(status) && rs.getString(9) != null && expires != null && expires.isAfter(clock.instant());
            String link = available ? publicBaseUrl.resolve("/api/v1/orgs/" + orgId + "/projects/" + project + "/exports/" + id + "/download")
                .toString() : null;
            return new Export(id, project, rs.getString(3), rs.getBoolean(4), status, new Progress(rs.getLong(6), (Long) rs.getObject(7)),
                (Long) rs.getObject(8), link, expires, "done".equals(status) && !available, error, instant(rs.getObject(11, OffsetDateTime.class)),
                instant(rs.getObject(12, OffsetDateTime.class)));
        };
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    public Export start(OrgScope scope, UUID project, String format, Boolean includeImages, Actor actor) {
        return db.inOrg(scope, t -> {
            Projects.requireLiveForUpdate(t, project);
            String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(f)) {
                throw ApiException.invalid(List.of(new Problem.FieldError("format", "one of " + String.join(", ", FORMATS))));
            }
            usage.checkQuota(t, 0);
            UUID id = ids.next();
            UUID job = jobs.enqueue(t, ExportJob.KIND, id);
            t.handle().createUpdate("INSERT INTO dataset_export (id, org_id, project_id, job_id, format, include_images, status, created_by,"
                    + " created_at) VALUES (:id, :org, :project, :job, :format, :images, 'queued', :by, :now)")
                .bind("id", id).bind("org", t.org().value()).bind("project", project).bind("job", job).bind("format", f)
                .bind("images", Boolean.TRUE.equals(includeImages)).bind("by", scope.principal().accountId()).bind("now", clock.instant())
                .execute();
            audit.append(t, actor, AuditEntry.of("export.started", "dataset_export", id).with("project", project.toString()).with("format", f)
                .with("includeImages", Boolean.TRUE.equals(includeImages)));
            return load(t, project, id).orElseThrow();
        });
    }

    public Paging.Page<Export> list(OrgScope scope, UUID project, Paging paging) {
        UUID before = paging.idPosition().orElse(null);
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            List<Export> rows = t.handle().createQuery("SELECT " + COLUMNS + " FROM dataset_export e LEFT JOIN job j ON j.id = e.job_id"
                    + " WHERE e.org_id = :org AND e.project_id = :project AND (CAST(:before AS uuid) IS NULL OR e.id < CAST(:before AS uuid))"
                    + " ORDER BY e.id DESC LIMIT :limit")
                .bind("org", t.org().value()).bind("project", project).bind("before", before == null ? null : before.toString())
                .bind("limit", paging.limit() + 1).map(mapper(t.org().toString())).list();
            return paging.page(rows, e -> e.id().toString(), e -> e);
        });
    }

    public Export get(OrgScope scope, UUID project, UUID export) {
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            return load(t, project, export).orElseThrow(ApiException::notFound);
        });
    }

    /** Where a finished export's ZIP is; 409 while it runs, 410 once it expired. */
    public record Located(Export export, String key, OrgStorage.Opened store, DownloadHints hints) {
    }

    public Located download(OrgScope scope, UUID project, UUID export) {
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            Export e = load(t, project, export).orElseThrow(ApiException::notFound);
            if (!"done".equals(e.status())) {
                throw ApiException.conflict("export_not_ready", "The export is " + e.status() + "; download it once it is done.");
            }
            if (e.downloadUrl() == null) {
                throw new ApiException(410, "export_expired", "Export expired", "This export has expired; start a new one.");
            }
            String key = t.handle().createQuery("SELECT object_key FROM dataset_export WHERE id = :id").bind("id", export).mapTo(String.class)
                .one();
            String name = SafeNames.filename(t.handle().createQuery("SELECT name FROM project WHERE id = :id").bind("id", project)
                .mapTo(String.class).one() + "-" + e.format() + ".zip", "zip");
            return new Located(e, key, storage.forRead(t), new DownloadHints("application/zip", SafeNames.contentDisposition("attachment", name)));
        });
    }

    Optional<Export> load(TenantHandle t, UUID project, UUID export) {
        return t.handle().createQuery("SELECT " + COLUMNS + " FROM dataset_export e LEFT JOIN job j ON j.id = e.job_id"
                + " WHERE e.org_id = :org AND e.project_id = :project AND e.id = :id")
            .bind("org", t.org().value()).bind("project", project).bind("id", export).map(mapper(t.org().toString())).findOne();
    }
}
