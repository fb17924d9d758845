package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.dataset.CocoFormatException;
import com.anastig.platform.dataset.CocoReader;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobHandler;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ProviderException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Imports a COCO ZIP in two streamed passes over the archive in the organization's store: first the
 * instances JSON (and a {@code labels.csv} of tags, as our exports write it) is read with
 * {@link CocoReader} and its shapes are staged in the database; then every image file the JSON names
 * goes through the same checks as an upload and is registered with its shapes (classes created by
 * name). Memory holds the image names only. A re-run after a crash starts the passes again and finds
 * the images it already registered by their bytes.
 */
public final class ImportJob implements JobHandler {
    public static final String KIND = "workspace.import";
    static final int MAX_ERRORS = 100;
    private static final Duration BEAT = Duration.ofSeconds(5);
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final JobQueue queue;
    private final Usage usage;
    private final AuditLog audit;
    private final ImportRegistrar registrar;
    private final Ids ids;
    private final ObjectMapper json;
    private final Clock clock;

    public ImportJob(TenantDb db, WorkspaceStorage storage, JobQueue queue, Usage usage, AuditLog audit, ImportRegistrar registrar, Ids ids,
                     ObjectMapper json, Clock clock) {
        this.db = db;
        this.storage = storage;
        this.queue = queue;
        this.usage = usage;
        this.audit = audit;
        this.registrar = registrar;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    private record Row(UUID project, String key, boolean owned, Long bytes, String status) {
    }

    @Override
    public void run(Job job) throws Exception {
        Row row = db.inOrg(job.org(), null, t -> t.handle().createQuery("SELECT i.project_id, i.source_key, i.source_owned, i.source_bytes,"
                + " i.status FROM dataset_import i JOIN project p ON p.id = i.project_id AND p.deleted_at IS NULL WHERE i.id = :id")
            .bind("id", job.subject()).map((rs, ctx) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3),
                (Long) rs.getObject(4), rs.getString(5))).findOne().orElse(null));
        if (row == null || "done".equals(row.status())) {
            return;
        }
        OrgStorage.Opened store;
        try {
            store = db.inOrg(job.org(), null, t -> {
                queue.requireFence(t, job);
                t.handle().createUpdate("UPDATE dataset_import SET status = 'running', done = 0, total = NULL, error = NULL, errors = '[]'"
                    + " WHERE id = :id").bind("id", job.subject()).execute();
                t.handle().createUpdate("DELETE FROM import_shape WHERE import_id = :id").bind("id", job.subject()).execute();
                return storage.forWrite(t);
            });
        } catch (ApiException migrating) {
            throw new RetryLater("the organization's storage is being migrated", migrating);
        }
        ArrayNode errors = json.createArrayNode();
        Progress progress = new Progress(job, errors);
        ImportIndex index = new ImportIndex(db, job.org(), job.subject(), errors);
        try {
            readIndex(store, row.key(), index);
        } catch (CocoFormatException e) {
            fail(job, row, "The instances JSON is not valid COCO: " + e.getMessage());
            throw new Permanent("invalid COCO");
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.NOT_FOUND) {
                fail(job, row, "The archive is no longer in the organization's storage.");
                throw new Permanent("archive gone");
            }
            throw new RetryLater("storage unavailable", e);
        } catch (IOException e) {
            fail(job, row, "The archive is not a readable ZIP.");
            throw new Permanent("not a ZIP");
        }
        if (!index.sawJson()) {
            fail(job, row, "The archive holds no COCO instances JSON.");
            throw new Permanent("no JSON");
        }
        index.flush();
        ImportRegistrar.Classes classes = registrar.ensureClasses(job.org(), row.project(), index.categories(), index.tagLabels());
        progress.total = index.imageCount();
        Set<Long> found = new HashSet<>();
        try (ObjectContent content = store.store().get(store.key(row.key()), null); ZipInputStream zip = new ZipInputStream(content.stream())) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Long coco = e.isDirectory() ? null : index.imageFor(e.getName());
                if (coco == null || !found.add(coco)) {
                    continue;
                }
                registrar.register(job, row.project(), store, shield(zip), index, coco, classes);
                progress.step();
            }
        }
        index.missing(found);
        finish(job, row, store, errors);
    }

    private void readIndex(OrgStorage.Opened store, String key, ImportIndex index) throws IOException, CocoFormatException {
        try (ObjectContent content = store.store().get(store.key(key), null); ZipInputStream zip = new ZipInputStream(content.stream())) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (e.isDirectory() || name.startsWith("__MACOSX/")) {
                    continue;
                }
                if (name.endsWith(".json") && !index.sawJson()) {
                    index.markJson();
                    new CocoReader(8, 2_000_000, 20_000_000).read(shield(zip), index);
                } else if (name.equals("labels.csv") || name.endsWith("/labels.csv")) {
                    index.readLabels(shield(zip));
                }
            }
        }
    }

    private void finish(Job job, Row row, OrgStorage.Opened store, ArrayNode errors) {
        db.inOrg(job.org(), null, t -> {
            queue.requireFence(t, job);
            record Counts(long images, long shapes) {
            }
            Counts c = t.handle().createQuery("SELECT count(*), coalesce(sum(shape_count), 0) FROM image WHERE org_id = :org AND import_id = :id")
                .bind("org", t.org().value()).bind("id", job.subject()).map((rs, ctx) -> new Counts(rs.getLong(1), rs.getLong(2))).one();
            t.handle().createUpdate("UPDATE dataset_import SET status = 'done', images_created = :images, annotations_created = :shapes,"
                    + " done = coalesce(total, done), errors = CAST(:errors AS jsonb), finished_at = :now WHERE id = :id")
                .bind("images", c.images()).bind("shapes", c.shapes()).bind("errors", errors.toString()).bind("now", clock.instant())
                .bind("id", job.subject()).execute();
            t.handle().createUpdate("DELETE FROM import_shape WHERE import_id = :id").bind("id", job.subject()).execute();
            if (row.owned()) {
                WorkspaceStorage.deleteLater(t, row.key(), false, ids.next(), clock.instant());
                ObjectDeletionJob.schedule(t, queue);
                usage.record(t, -(row.bytes() == null ? 0 : row.bytes()), -1);
            }
            Thumbnailer.schedule(t, queue, row.project());
            audit.append(t, Actor.system(), AuditEntry.of("import.finished", "dataset_import", job.subject())
                .with("project", row.project().toString()).with("images", c.images()).with("shapes", c.shapes()));
            return null;
        });
    }

    /** Records a failure that retrying will not heal, and removes what the import kept (its staged shapes, an uploaded archive). */
    private void fail(Job job, Row row, String message) {
        db.inOrg(job.org(), null, t -> {
            queue.requireFence(t, job);
            t.handle().createUpdate("UPDATE dataset_import SET status = 'failed', error = :e, finished_at = :now WHERE id = :id")
                .bind("e", message).bind("now", clock.instant()).bind("id", job.subject()).execute();
            t.handle().createUpdate("DELETE FROM import_shape WHERE import_id = :id").bind("id", job.subject()).execute();
            if (row.owned()) {
                WorkspaceStorage.deleteLater(t, row.key(), false, ids.next(), clock.instant());
                ObjectDeletionJob.schedule(t, queue);
                usage.record(t, -(row.bytes() == null ? 0 : row.bytes()), -1);
            }
            return null;
        });
    }

    /** The current ZIP entry, which the reader must not close. */
    static InputStream shield(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the archive stays open for the next entry
            }
        };
    }

    /** Progress and errors saved every few seconds, with the job's lease renewed. */
    private final class Progress {
        private final Job job;
        private final ArrayNode errors;
        private Instant last = Instant.MIN;
        long done;
        long total;

        Progress(Job job, ArrayNode errors) {
            this.job = job;
            this.errors = errors;
        }

        void step() {
            done++;
            Instant now = clock.instant();
            if (Duration.between(last, now).compareTo(BEAT) < 0 && done != total) {
                return;
            }
            last = now;
            if (!queue.renew(job)) {
                throw new com.anastig.platform.job.FencedOut(job);
            }
            db.inOrg(job.org(), null, t -> t.handle().createUpdate("UPDATE dataset_import SET done = :done, total = :total,"
                    + " errors = CAST(:errors AS jsonb) WHERE id = :id").bind("done", done).bind("total", total).bind("errors", errors.toString())
                .bind("id", job.subject()).execute());
        }
    }

}
