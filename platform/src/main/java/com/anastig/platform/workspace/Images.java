package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Paging;
import com.anastig.platform.image.ImageFacts;
import com.anastig.platform.image.ImageFormat;
import com.anastig.platform.image.ImageInspectingStream;
import com.anastig.platform.image.ImageLimits;
import com.anastig.platform.image.ImageRejected;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import com.anastig.plugin.api.DownloadHints;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Images of a project. An upload streams from the request through {@link ImageInspectingStream}
 * (type by magic bytes, dimensions from the header, structure to the end, SHA-256 and size) straight
 * into the organization's store: a bad file fails the put, so it leaves no object, and no row is
 * written before the bytes are checked. The same bytes twice in a project give the first image back.
 */
public final class Images {
    static final String COLUMNS = "id, project_id, filename, media_type, width, height, size_bytes, sha256, shape_count, annotation_version,"
        + " thumbnail_key IS NOT NULL, created_at";
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final Usage usage;
    private final AuditLog audit;
    private final JobQueue jobs;
    private final Ids ids;
    private final WorkspaceConfig config;
    private final Clock clock;

    public Images(TenantDb db, WorkspaceStorage storage, Usage usage, AuditLog audit, JobQueue jobs, Ids ids, WorkspaceConfig config,
                  Clock clock) {
        this.db = db;
        this.storage = storage;
        this.usage = usage;
        this.audit = audit;
        this.jobs = jobs;
        this.ids = ids;
        this.config = config;
        this.clock = clock;
    }

    /** An image's metadata. */
    public record Image(UUID id, UUID projectId, String filename, String mediaType, int width, int height, long sizeBytes, String sha256,
                        int shapeCount, long annotationVersion, boolean hasThumbnail, Instant createdAt) {
    }

    /** The image, and whether this upload created it (false: the same bytes were in the project already). */
    public record Uploaded(Image image, boolean created) {
    }

    static final RowMapper<Image> MAPPER = (rs, ctx) -> new Image(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
        rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getLong(7), rs.getString(8), rs.getInt(9), rs.getLong(10), rs.getBoolean(11),
        rs.getObject(12, OffsetDateTime.class).toInstant());

    public ImageLimits limits() {
        return new ImageLimits(config.maxImagePixels(), config.maxImageSize().toBytes());
    }

    /** Streams one upload into the store and registers it. {@code length}: the declared length, or -1. */
    public Uploaded upload(OrgScope scope, UUID project, InputStream body, String mediaType, String rawName, long length, Actor actor) {
        OrgStorage.Opened store = db.inOrg(scope, t -> {
            Projects.requireLive(t, project); // 404 before 413/415
            if (length > config.maxImageSize().toBytes()) {
                throw tooLarge();
            }
            usage.checkQuota(t, Math.max(length, 0));
            return storage.forWrite(t);
        });
        ImageFormat format = ImageFormat.ofMediaType(mediaType).orElseThrow(() -> new ApiException(415, "unsupported_media_type",
            "Unsupported media type", "Send a JPEG, PNG or WebP image with its Content-Type (image/jpeg, image/png or image/webp)."));
        UUID id = ids.next();
        String key = WorkspaceStorage.imageKey(project, id);
        SourceErrors source = new SourceErrors(body);
        ImageInspectingStream inspected = new ImageInspectingStream(source, limits(), format);
        try {
            store.store().put(store.key(key), inspected, length >= 0 ? length : -1, format.mediaType());
        } catch (RuntimeException e) {
            throw inspected.rejection().<RuntimeException>map(Images::rejected).orElseGet(() -> source.failure()
                .<RuntimeException>map(io -> ApiException.badRequest("upload_incomplete", "The upload ended before the whole file arrived."))
                .orElse(e));
        }
        ImageFacts facts;
        try {
            // a provider given the length stops at the last byte without seeing the end: reach it, so the final checks run
            try {
                if (inspected.rejection().isEmpty() && inspected.read() != -1) {
                    throw ApiException.badRequest("upload_too_long", "The body is longer than its declared length.");
                }
            } catch (java.io.IOException e) {
                inspected.rejection().orElseThrow(() -> ApiException.badRequest("upload_incomplete", "The upload could not be read to its end."));
            }
            if (inspected.rejection().isPresent()) {
                throw rejected(inspected.rejection().get());
            }
            facts = inspected.facts();
        } catch (RuntimeException e) {
            store.store().delete(store.key(key));
            throw e;
        }
        return register(scope, project, id, key, facts, SafeNames.filename(rawName, format.extension()), store, actor, t -> {
        });
    }

    /** Registers checked bytes at {@code key} as an image; deletes the object again when the row cannot be written. */
    Uploaded register(OrgScope scope, UUID project, UUID id, String key, ImageFacts facts, String filename, OrgStorage.Opened store,
                      Actor actor, java.util.function.Consumer<TenantHandle> claim) {
        Uploaded result;
        try {
            result = db.inOrg(scope, t -> {
                Projects.requireLiveForUpdate(t, project);
                claim.accept(t);
                Optional<Image> existing = bySha(t, project, facts.sha256Hex());
                if (existing.isPresent()) {
                    return new Uploaded(existing.get(), false);
                }
                usage.checkQuota(t, facts.sizeBytes());
                insert(t, project, id, key, facts, filename, scope.principal().accountId());
                usage.record(t, facts.sizeBytes(), 1);
                Thumbnailer.schedule(t, jobs, project);
                audit.append(t, actor, AuditEntry.of("image.uploaded", "image", id)
                    .with("project", project.toString()).with("bytes", facts.sizeBytes()));
                return new Uploaded(load(t, project, id).orElseThrow(), true);
            });
        } catch (RuntimeException e) {
            store.store().delete(store.key(key));
            throw e;
        }
        if (!result.created()) {
            store.store().delete(store.key(key));
        }
        return result;
    }

    static void insert(TenantHandle t, UUID project, UUID id, String key, ImageFacts facts, String filename, UUID by) {
        t.handle().createUpdate("INSERT INTO image (id, org_id, project_id, filename, media_type, width, height, size_bytes, sha256, object_key,"
                + " created_by, created_at) VALUES (:id, :org, :project, :filename, :type, :w, :h, :size, :sha, :key, CAST(:by AS uuid), now())")
            .bind("id", id).bind("org", t.org().value()).bind("project", project).bind("filename", filename)
            .bind("type", facts.format().mediaType()).bind("w", facts.width()).bind("h", facts.height()).bind("size", facts.sizeBytes())
            .bind("sha", facts.sha256Hex()).bind("key", key).bind("by", by == null ? null : by.toString()).execute();
    }

    public Paging.Page<Image> list(OrgScope scope, UUID project, Paging paging, Boolean annotated, String labelClass) {
        UUID after = paging.idPosition().orElse(null);
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            UUID classId = labelClass == null ? null : LabelClasses.of(t, project).stream()
                .filter(c -> c.id().toString().equals(labelClass) || c.name().equalsIgnoreCase(labelClass)).map(LabelClasses.LabelClass::id)
                .findFirst().orElseThrow(() -> ApiException.badRequest("unknown_label_class", "labelClass is not a class of this project."));
            List<Image> rows = t.handle().createQuery("SELECT " + COLUMNS + " FROM image WHERE org_id = :org AND project_id = :project"
                    + " AND (CAST(:after AS uuid) IS NULL OR id > CAST(:after AS uuid))"
                    + " AND (CAST(:annotated AS boolean) IS NULL OR (shape_count > 0) = CAST(:annotated AS boolean))"
                    + " AND (CAST(:cls AS uuid) IS NULL OR class_ids @> ARRAY[CAST(:cls AS uuid)]) ORDER BY id LIMIT :limit")
                .bind("org", t.org().value()).bind("project", project).bind("after", after == null ? null : after.toString())
                .bind("annotated", annotated).bind("cls", classId == null ? null : classId.toString()).bind("limit", paging.limit() + 1)
                .map(MAPPER).list();
            return paging.page(rows, i -> i.id().toString(), i -> i);
        });
    }

    public Image get(OrgScope scope, UUID project, UUID image) {
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            return load(t, project, image).orElseThrow(ApiException::notFound);
        });
    }

    /** Deletes the row now (and counts the bytes out); the objects go through the deletion queue. */
    public void delete(OrgScope scope, UUID project, UUID image, Actor actor) {
        db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            record Gone(String key, long size, String thumb, Long thumbBytes) {
            }
            Gone gone = t.handle().createQuery("DELETE FROM image WHERE org_id = :org AND project_id = :project AND id = :id"
                    + " RETURNING object_key, size_bytes, thumbnail_key, thumbnail_bytes")
                .bind("org", t.org().value()).bind("project", project).bind("id", image)
                .map((rs, ctx) -> new Gone(rs.getString(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4))).findOne()
                .orElseThrow(ApiException::notFound);
            WorkspaceStorage.deleteLater(t, gone.key(), false, ids.next(), clock.instant());
            long bytes = gone.size();
            long objects = 1;
            if (gone.thumb() != null) {
                WorkspaceStorage.deleteLater(t, gone.thumb(), false, ids.next(), clock.instant());
                bytes += gone.thumbBytes() == null ? 0 : gone.thumbBytes();
                objects++;
            }
            usage.record(t, -bytes, -objects);
            ObjectDeletionJob.schedule(t, jobs);
            audit.append(t, actor, AuditEntry.of("image.deleted", "image", image).with("project", project.toString()));
            return null;
        });
    }

    /** Where an image's bytes (or its thumbnail's) are, and how to answer with them. */
    public record Located(Image image, String key, long size, OrgStorage.Opened store, DownloadHints hints) {
    }

    public Located content(OrgScope scope, UUID project, UUID image, boolean thumbnail) {
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            Image i = load(t, project, image).orElseThrow(ApiException::notFound);
            record Key(String key, String type, Long size) {
            }
            Key key = t.handle().createQuery("SELECT " + (thumbnail ? "thumbnail_key, thumbnail_media_type, thumbnail_bytes"
                    : "object_key, media_type, size_bytes") + " FROM image WHERE id = :id")
                .bind("id", image).map((rs, ctx) -> new Key(rs.getString(1), rs.getString(2), (Long) rs.getObject(3))).one();
            if (key.key() == null) {
                throw ApiException.notFound();
            }
            return new Located(i, key.key(), key.size(), storage.forRead(t),
                new DownloadHints(key.type(), SafeNames.contentDisposition("inline", i.filename())));
        });
    }

    static Optional<Image> load(TenantHandle t, UUID project, UUID image) {
        return t.handle().createQuery("SELECT " + COLUMNS + " FROM image WHERE org_id = :org AND project_id = :project AND id = :id")
            .bind("org", t.org().value()).bind("project", project).bind("id", image).map(MAPPER).findOne();
    }

    static Optional<Image> bySha(TenantHandle t, UUID project, String sha) {
        return t.handle().createQuery("SELECT " + COLUMNS + " FROM image WHERE org_id = :org AND project_id = :project AND sha256 = :sha")
            .bind("org", t.org().value()).bind("project", project).bind("sha", sha).map(MAPPER).findOne();
    }

    static ApiException rejected(ImageRejected r) {
        return switch (r.reason()) {
            case EMPTY -> new ApiException(422, "image_empty", "Empty file", "The upload has no bytes.");
            case NOT_AN_IMAGE -> new ApiException(415, "unsupported_media_type", "Unsupported media type",
                "The file is not a JPEG, PNG or WebP image.");
            case TYPE_MISMATCH -> new ApiException(415, "content_type_mismatch", "Content type mismatch",
                "The file's bytes are not of the type its Content-Type names.");
            case TOO_MANY_PIXELS -> new ApiException(422, "image_too_large", "Image too large", r.getMessage());
            case TOO_LARGE_FILE -> tooLarge();
            case CORRUPT -> new ApiException(422, "image_corrupt", "Corrupt image", r.getMessage());
        };
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "Payload too large", "The file is larger than this platform accepts for images.");
    }


    /** Remembers a failure of the client's stream (a cut-off upload), which a storage client may wrap beyond recognition. */
    static final class SourceErrors extends FilterInputStream {
        private IOException failure;

        SourceErrors(InputStream in) {
            super(in);
        }

        Optional<IOException> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
