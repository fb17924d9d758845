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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * A project's model registry: name, framework, metrics (a JSON object), and one artifact file streamed
 * to the organization's store (any size up to the configured limit, in parts, bounded memory; its
 * SHA-256 computed on the way). Each upload gets a new key and the previous artifact is queued for
 * deletion only once the row points at the new one, so a failed upload never loses the old file.
 */
public final class Models {
    static final int MAX_METRICS = 64 * 1024;
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final Usage usage;
    private final AuditLog audit;
    private final JobQueue jobs;
    private final Ids ids;
    private final WorkspaceConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public Models(TenantDb db, WorkspaceStorage storage, Usage usage, AuditLog audit, JobQueue jobs, Ids ids, WorkspaceConfig config,
                  ObjectMapper json, Clock clock) {
        this.db = db;
        this.storage = storage;
        this.usage = usage;
        this.audit = audit;
        this.jobs = jobs;
        this.ids = ids;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** A model on the wire; {@code artifact} null until one is uploaded. */
    public record Model(UUID id, UUID projectId, String name, String framework, JsonNode metrics, Artifact artifact, Instant createdAt,
                        Instant updatedAt) {
    }

    /** A model's artifact file. */
    public record Artifact(String filename, String mediaType, long sizeBytes, String sha256) {
    }

    private RowMapper<Model> mapper() {
        return (rs, ctx) -> new Model(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            parse(rs.getString(5)), rs.getString(6) == null ? null : new Artifact(rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10)),
            rs.getObject(11, OffsetDateTime.class).toInstant(), rs.getObject(12, OffsetDateTime.class).toInstant());
    }

    private static final String COLUMNS = "id, project_id, name, framework, metrics::text, artifact_key, artifact_filename, artifact_media_type,"
        + " artifact_bytes, artifact_sha256, created_at, updated_at";

    public Model create(OrgScope scope, UUID project, String name, String framework, JsonNode metrics, Actor actor) {
        String validName = text("name", name, 200);
        String validFramework = text("framework", framework, 100);
        String metricsJson = metrics(metrics);
        return db.inOrg(scope, t -> {
            Projects.requireLiveForUpdate(t, project);
            UUID id = ids.next();
            t.handle().createUpdate("INSERT INTO model (id, org_id, project_id, name, framework, metrics, created_by, created_at, updated_at)"
                    + " VALUES (:id, :org, :project, :name, :framework, CAST(:metrics AS jsonb), :by, :now, :now)")
                .bind("id", id).bind("org", t.org().value()).bind("project", project).bind("name", validName).bind("framework", validFramework)
                .bind("metrics", metricsJson).bind("by", scope.principal().accountId()).bind("now", clock.instant()).execute();
            audit.append(t, actor, AuditEntry.of("model.created", "model", id).with("project", project.toString()));
            return load(t, project, id).orElseThrow();
        });
    }

    public Paging.Page<Model> list(OrgScope scope, UUID project, Paging paging) {
        UUID after = paging.idPosition().orElse(null);
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            List<Model> rows = t.handle().createQuery("SELECT " + COLUMNS + " FROM model WHERE org_id = :org AND project_id = :project"
                    + " AND (CAST(:after AS uuid) IS NULL OR id > CAST(:after AS uuid)) ORDER BY id LIMIT :limit")
                .bind("org", t.org().value()).bind("project", project).bind("after", after == null ? null : after.toString()).bind("limit", paging.limit() + 1)
                .map(mapper()).list();
            return paging.page(rows, m -> m.id().toString(), m -> m);
        });
    }

    public Model get(OrgScope scope, UUID project, UUID model) {
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            return load(t, project, model).orElseThrow(ApiException::notFound);
        });
    }

    public void delete(OrgScope scope, UUID project, UUID model, Actor actor) {
        db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            record Gone(String key, Long bytes) {
            }
            Gone gone = t.handle().createQuery("DELETE FROM model WHERE org_id = :org AND project_id = :project AND id = :id"
                    + " RETURNING artifact_key, artifact_bytes").bind("org", t.org().value()).bind("project", project).bind("id", model)
                .map((rs, ctx) -> new Gone(rs.getString(1), (Long) rs.getObject(2))).findOne().orElseThrow(ApiException::notFound);
            if (gone.key() != null) {
                WorkspaceStorage.deleteLater(t, gone.key(), false, ids.next(), clock.instant());
                usage.record(t, -gone.bytes(), -1);
                ObjectDeletionJob.schedule(t, jobs);
            }
            audit.append(t, actor, AuditEntry.of("model.deleted", "model", model).with("project", project.toString()));
            return null;
        });
    }

    /** Streams an artifact into the store (replacing any earlier one). {@code length}: declared, or -1. */
    public Model upload(OrgScope scope, UUID project, UUID model, InputStream body, String mediaType, String rawName, long length, Actor actor) {
        long max = config.maxArtifactSize().toBytes();
        OrgStorage.Opened store = db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            load(t, project, model).orElseThrow(ApiException::notFound);
            if (length > max) {
                throw new ApiException(413, "payload_too_large", "Payload too large", "Model artifacts are limited to " + max + " bytes.");
            }
            usage.checkQuota(t, Math.max(length, 0));
            return storage.forWrite(t);
        });
        String key = WorkspaceStorage.modelKey(project, model) + "/" + ids.next();
        String type = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
        HashingUpload hashing = HashingUpload.put(store, key, body, length, max, type, "Model artifacts");
        String filename = SafeNames.filename(rawName, "bin");
        try {
            return db.inOrg(scope, t -> {
                Projects.requireLiveForUpdate(t, project);
                record Old(String key, Long bytes) {
                }
                Old old = t.handle().createQuery("SELECT artifact_key, artifact_bytes FROM model WHERE org_id = :org AND project_id = :project"
                        + " AND id = :id FOR UPDATE").bind("org", t.org().value()).bind("project", project).bind("id", model)
                    .map((rs, ctx) -> new Old(rs.getString(1), (Long) rs.getObject(2))).findOne().orElseThrow(ApiException::notFound);
                usage.checkQuota(t, hashing.count - (old.bytes() == null ? 0 : old.bytes()));
                t.handle().createUpdate("UPDATE model SET artifact_key = :key, artifact_bytes = :bytes, artifact_sha256 = :sha,"
                        + " artifact_media_type = :type, artifact_filename = :name, updated_at = :now WHERE id = :id")
                    .bind("key", key).bind("bytes", hashing.count).bind("sha", hashing.hex()).bind("type", type).bind("name", filename)
                    .bind("now", clock.instant()).bind("id", model).execute();
                if (old.key() != null) {
                    WorkspaceStorage.deleteLater(t, old.key(), false, ids.next(), clock.instant());
                    ObjectDeletionJob.schedule(t, jobs);
                }
                usage.record(t, hashing.count - (old.bytes() == null ? 0 : old.bytes()), old.key() == null ? 1 : 0);
                audit.append(t, actor, AuditEntry.of("model.artifact_uploaded", "model", model).with("project", project.toString())
                    .with("bytes", hashing.count));
                return load(t, project, model).orElseThrow();
            });
        } catch (RuntimeException e) {
            store.store().delete(store.key(key));
            throw e;
        }
    }

    /** Where the artifact's bytes are. */
    public record Located(Model model, String key, OrgStorage.Opened store) {
        public DownloadHints hints() {
            return new DownloadHints(model.artifact().mediaType(), SafeNames.contentDisposition("attachment", model.artifact().filename()));
        }
    }

    public Located artifact(OrgScope scope, UUID project, UUID model) {
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            Model m = load(t, project, model).orElseThrow(ApiException::notFound);
            if (m.artifact() == null) {
                throw ApiException.notFound();
            }
            String key = t.handle().createQuery("SELECT artifact_key FROM model WHERE id = :id").bind("id", model).mapTo(String.class).one();
            return new Located(m, key, storage.forRead(t));
        });
    }

    private Optional<Model> load(TenantHandle t, UUID project, UUID model) {
        return t.handle().createQuery("SELECT " + COLUMNS + " FROM model WHERE org_id = :org AND project_id = :project AND id = :id")
            .bind("org", t.org().value()).bind("project", project).bind("id", model).map(mapper()).findOne();
    }

    private static String text(String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(List.of(new Problem.FieldError(field, "1 to " + max + " characters, no control characters")));
        }
        return v;
    }

    private String metrics(JsonNode metrics) {
        if (metrics == null || metrics.isNull()) {
            return null;
        }
        if (!metrics.isObject()) {
            throw ApiException.invalid(List.of(new Problem.FieldError("metrics", "a JSON object such as {\"mAP\": 0.61}")));
        }
        String text = metrics.toString();
        if (text.length() > MAX_METRICS) {
            throw ApiException.invalid(List.of(new Problem.FieldError("metrics", "at most " + MAX_METRICS + " characters of JSON")));
        }
        return text;
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
