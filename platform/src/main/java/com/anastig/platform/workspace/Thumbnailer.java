package com.anastig.platform.workspace;

import com.anastig.platform.image.ImageFacts;
import com.anastig.platform.image.ImageFormat;
import com.anastig.platform.image.Thumbnails;
import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobHandler;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import com.anastig.plugin.api.ObjectContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the grid thumbnails of a project's new images in the background, a few at a time, decoding
 * with subsampling so memory stays bounded whatever the image's size ({@link Thumbnails}); each is
 * stored beside its image in the organization's store. An image that cannot be decoded is marked,
 * not retried for ever.
 */
public final class Thumbnailer implements JobHandler {
    public static final String KIND = "workspace.thumbnails";
    private static final Logger LOG = LoggerFactory.getLogger(Thumbnailer.class);
    private static final int BATCH = 20;
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final JobQueue queue;
    private final Usage usage;
    private final Thumbnails thumbnails;

    public Thumbnailer(TenantDb db, WorkspaceStorage storage, JobQueue queue, Usage usage, Thumbnails thumbnails) {
        this.db = db;
        this.storage = storage;
        this.queue = queue;
        this.usage = usage;
        this.thumbnails = thumbnails;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Queues the project's thumbnail job unless one is waiting already. */
    static void schedule(TenantHandle t, JobQueue jobs, UUID project) {
        boolean waiting = t.handle().createQuery("SELECT EXISTS (SELECT 1 FROM job WHERE org_id = :org AND kind = :kind AND subject_id = :p"
                + " AND status = 'queued')").bind("org", t.org().value()).bind("kind", KIND).bind("p", project).mapTo(Boolean.class).one();
        if (!waiting) {
            jobs.enqueue(t, KIND, project);
        }
    }

    private record Pending(UUID id, String key, ImageFacts facts) {
    }

    @Override
    public void run(Job job) {
        UUID project = job.subject();
        while (true) {
            List<Pending> batch = db.inOrg(job.org(), null, t -> t.handle().createQuery("SELECT id, object_key, media_type, width, height,"
                    + " size_bytes, sha256 FROM image WHERE org_id = :org AND project_id = :p AND thumbnail_key IS NULL AND thumbnail_error IS NULL"
                    + " AND EXISTS (SELECT 1 FROM project WHERE id = :p AND deleted_at IS NULL)"
                    + " ORDER BY id LIMIT :n").bind("org", t.org().value()).bind("p", project).bind("n", BATCH)
                .map((rs, ctx) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), new ImageFacts(
                    ImageFormat.ofMediaType(rs.getString(3)).orElseThrow(), rs.getInt(4), rs.getInt(5), rs.getLong(6), rs.getString(7))))
                .list());
            if (batch.isEmpty()) {
                return;
            }
            OrgStorage.Opened store;
            try {
                store = db.inOrg(job.org(), null, storage::forWrite);
            } catch (com.anastig.platform.http.ApiException migrating) {
                throw new RetryLater("storage is migrating", migrating);
            }
            for (Pending p : batch) {
                one(job, project, store, p);
            }
            queue.renew(job);
        }
    }

    private void one(Job job, UUID project, OrgStorage.Opened store, Pending p) {
        Thumbnails.Thumbnail thumb;
        try (ObjectContent content = store.store().get(store.key(p.key()), null); InputStream in = content.stream()) {
            thumb = thumbnails.make(in, p.facts());
        } catch (IOException | RuntimeException e) {
            if (e instanceof com.anastig.plugin.api.ProviderException pe && pe.kind() == com.anastig.plugin.api.ProviderException.Kind.UNAVAILABLE) {
                throw new RetryLater("storage unavailable", e);
            }
            LOG.info("No thumbnail for image {}: {}", p.id(), e.getClass().getSimpleName());
            db.inOrg(job.org(), null, t -> t.handle().createUpdate("UPDATE image SET thumbnail_error = :e WHERE id = :id")
                .bind("e", "could not decode").bind("id", p.id()).execute());
            return;
        }
        String key = WorkspaceStorage.thumbnailKey(project, p.id());
        store.store().put(store.key(key), new ByteArrayInputStream(thumb.bytes()), thumb.bytes().length, thumb.mediaType());
        boolean orphan = db.inOrg(job.org(), null, t -> {
            queue.requireFence(t, job);
            int n = t.handle().createUpdate("UPDATE image SET thumbnail_key = :key, thumbnail_bytes = :bytes, thumbnail_media_type = :type"
                    + " WHERE id = :id AND thumbnail_key IS NULL")
                .bind("key", key).bind("bytes", thumb.bytes().length).bind("type", thumb.mediaType()).bind("id", p.id()).execute();
            if (n == 1) {
                usage.record(t, thumb.bytes().length, 1);
                return false;
            }
            // not set: another run made it (same key, keep it), or the image went away meanwhile (nobody else will delete it)
            return t.handle().createQuery("SELECT NOT EXISTS (SELECT 1 FROM image WHERE id = :id)").bind("id", p.id()).mapTo(Boolean.class).one();
        });
        if (orphan) {
            store.store().delete(store.key(key));
        }
    }
}
