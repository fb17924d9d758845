package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.image.ImageFacts;
import com.anastig.platform.image.ImageFormat;
import com.anastig.platform.image.ImageInspector;
import com.anastig.platform.image.ImageRejected;
import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobHandler;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.PresignedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Uploads straight from the client to the bucket: a presigned PUT for the declared type and exact
 * length, then {@code complete}, which reads the object back through the same checks as an upload
 * through the platform (type, structure, dimensions) and compares size and SHA-256 with what was
 * declared before registering it. An upload never completed is removed when its URL has expired.
 */
public final class DirectUploads {
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final Images images;
    private final Usage usage;
    private final JobQueue jobs;
    private final Ids ids;
    private final WorkspaceConfig config;
    private final Clock clock;

    public DirectUploads(TenantDb db, WorkspaceStorage storage, Images images, Usage usage, JobQueue jobs, Ids ids, WorkspaceConfig config,
                         Clock clock) {
        this.db = db;
        this.storage = storage;
        this.images = images;
        this.usage = usage;
        this.jobs = jobs;
        this.ids = ids;
        this.config = config;
        this.clock = clock;
    }

    /** What the client declares before uploading. */
    public record Declared(String filename, String contentType, Long sizeBytes, String sha256) {
    }

    /** Where and how to PUT the bytes. */
    public record Created(UUID uploadId, String url, Map<String, String> headers, Instant expiresAt) {
        @Override
        public String toString() {
            return "Created[" + uploadId + "]"; // the URL is a bearer credential until it expires
        }
    }

    public Created create(OrgScope scope, UUID project, Declared d) {
        OrgStorage.Opened store = db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            return storage.forWrite(t);
        });
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<ImageFormat> format = ImageFormat.ofMediaType(d.contentType());
        if (format.isEmpty()) {
            throw new ApiException(415, "unsupported_media_type", "Unsupported media type", "contentType must be image/jpeg, image/png or image/webp.");
        }
        if (d.sizeBytes() == null || d.sizeBytes() < 1) {
            errors.add(new Problem.FieldError("sizeBytes", "the exact size in bytes"));
        } else if (d.sizeBytes() > config.maxImageSize().toBytes()) {
            throw new ApiException(413, "payload_too_large", "Payload too large", "The file is larger than this platform accepts for images.");
        }
        if (d.sha256() == null || !SHA256.matcher(d.sha256()).matches()) {
            errors.add(new Problem.FieldError("sha256", "the SHA-256 of the bytes, 64 lower-case hex digits"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!store.store().supportsPresignedUrls()) {
            throw new ApiException(409, "direct_upload_unsupported", "Direct upload not supported",
                "This organization's storage has no presigned URLs; upload through POST .../images instead.");
        }
        UUID id = ids.next();
        String key = WorkspaceStorage.uploadKey(project, id);
        Instant expires = clock.instant().plus(config.uploadUrlTtl());
        String filename = SafeNames.filename(d.filename(), format.get().extension());
        db.inOrg(scope, t -> {
            Projects.requireLiveForUpdate(t, project);
            usage.checkQuota(t, d.sizeBytes());
            t.handle().createUpdate("INSERT INTO image_upload (id, org_id, project_id, object_key, filename, media_type, size_bytes, sha256,"
                    + " created_by, created_at, expires_at) VALUES (:id, :org, :project, :key, :filename, :type, :size, :sha, :by, :now, :expires)")
                .bind("id", id).bind("org", t.org().value()).bind("project", project).bind("key", key).bind("filename", filename)
                .bind("type", format.get().mediaType()).bind("size", d.sizeBytes()).bind("sha", d.sha256())
                .bind("by", scope.principal().accountId()).bind("now", clock.instant()).bind("expires", expires).execute();
            // run well after the URL expired, so an upload that began just before the expiry has finished (a signature is checked at the start)
            jobs.enqueue(t, ExpiryJob.KIND, id, expires.plus(config.uploadUrlTtl()));
            return null;
        });
        PresignedRequest put = store.store().presignPut(store.key(key), config.uploadUrlTtl(), format.get().mediaType(), d.sizeBytes());
        return new Created(id, put.url().toString(), put.headers(), put.expiresAt());
    }

    private record Pending(String key, String filename, String mediaType, long size, String sha, Instant expiresAt) {
    }

    /** Checks the uploaded object and registers it as an image (or gives back the project's image with the same bytes). */
    public Images.Uploaded complete(OrgScope scope, UUID project, UUID uploadId, Actor actor) {
        record Found(Pending pending, OrgStorage.Opened store) {
        }
        Found found = db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            Pending p = t.handle().createQuery("SELECT object_key, filename, media_type, size_bytes, sha256, expires_at FROM image_upload"
                    + " WHERE org_id = :org AND project_id = :project AND id = :id").bind("org", t.org().value()).bind("project", project)
                .bind("id", uploadId).map((rs, ctx) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                    rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant())).findOne().orElseThrow(ApiException::notFound);
            return new Found(p, storage.forWrite(t));
        });
        Pending p = found.pending();
        OrgStorage.Opened store = found.store();
        if (clock.instant().isAfter(p.expiresAt())) {
            throw new ApiException(410, "upload_expired", "Upload expired", "The upload URL expired; start a new upload.");
        }
        ObjectInfo info = store.store().head(store.key(p.key())).orElseThrow(() -> ApiException.conflict("upload_missing",
            "Nothing has been uploaded to the URL yet; PUT the bytes first, then complete."));
        ImageFacts facts;
        try {
            if (info.size() != p.size()) {
                throw new ApiException(422, "upload_mismatch", "Upload mismatch", "The uploaded object's size differs from the declared size.");
            }
            try (ObjectContent content = store.store().get(store.key(p.key()), null); InputStream in = content.stream()) {
                facts = ImageInspector.inspect(in, images.limits(), ImageFormat.ofMediaType(p.mediaType()).orElseThrow());
            } catch (ImageRejected r) {
                throw Images.rejected(r);
            } catch (IOException e) {
                throw new com.anastig.plugin.api.ProviderException(com.anastig.plugin.api.ProviderException.Kind.UNAVAILABLE,
                    "reading the upload failed", e);
            }
            if (!facts.sha256Hex().equals(p.sha())) {
                throw new ApiException(422, "checksum_mismatch", "Checksum mismatch", "The uploaded bytes do not have the declared SHA-256.");
            }
        } catch (ApiException e) {
            discard(scope, uploadId, store, p.key());
            throw e;
        }
        return images.register(scope, project, uploadId, p.key(), facts, p.filename(), store, actor, t -> {
            int claimed = t.handle().createUpdate("DELETE FROM image_upload WHERE id = :id").bind("id", uploadId).execute();
            if (claimed == 0) {
                throw ApiException.notFound(); // completed (or expired) by someone else meanwhile
            }
        });
    }

    private void discard(OrgScope scope, UUID uploadId, OrgStorage.Opened store, String key) {
        store.store().delete(store.key(key));
        db.inOrg(scope, t -> t.handle().createUpdate("DELETE FROM image_upload WHERE id = :id").bind("id", uploadId).execute());
    }

    /** Removes an upload that was never completed, once its URL has expired (queued with the upload, to run after the expiry). */
    public static final class ExpiryJob implements JobHandler {
        public static final String KIND = "workspace.expire-upload";
        private final TenantDb db;
        private final WorkspaceStorage storage;

        public ExpiryJob(TenantDb db, WorkspaceStorage storage) {
            this.db = db;
            this.storage = storage;
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public void run(Job job) {
            record Left(String key, OrgStorage.Opened store) {
            }
            Optional<Left> left = db.inOrg(job.org(), null, t -> t.handle().createQuery("SELECT object_key FROM image_upload WHERE id = :id")
                .bind("id", job.subject()).mapTo(String.class).findOne().map(key -> new Left(key, storage.forRead(t))));
            if (left.isEmpty()) {
                return; // completed or discarded
            }
            left.get().store().store().delete(left.get().store().key(left.get().key()));
            db.inOrg(job.org(), null, t -> t.handle().createUpdate("DELETE FROM image_upload WHERE id = :id").bind("id", job.subject()).execute());
        }
    }
}
