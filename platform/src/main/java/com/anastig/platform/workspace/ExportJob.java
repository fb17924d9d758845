package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.dataset.DatasetFormat;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.job.FencedOut;
import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobHandler;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Writes one export: the dataset writer streams the ZIP into a pipe while a second thread puts the
 * pipe into the organization's store (multipart, bounded memory: never the whole ZIP in memory or on
 * disk). All passes read one repeatable-read snapshot of the project. Progress and the job's lease
 * are renewed as it goes; if the writer fails, the put fails too (no truncated ZIP becomes visible).
 * A re-run after a crash starts over under a new key (one per claim), and only the claim still
 * holding the job may record its result.
 */
public final class ExportJob implements JobHandler {
    public static final String KIND = "workspace.export";
    private static final Duration BEAT = Duration.ofSeconds(10);
    private final TenantDb db;
    private final WorkspaceStorage storage;
    private final JobQueue queue;
    private final Usage usage;
    private final AuditLog audit;
    private final WorkspaceConfig config;
    private final Clock clock;

    public ExportJob(TenantDb db, WorkspaceStorage storage, JobQueue queue, Usage usage, AuditLog audit, WorkspaceConfig config, Clock clock) {
        this.db = db;
        this.storage = storage;
        this.queue = queue;
        this.usage = usage;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    private record Row(UUID project, String format, boolean images, String status) {
    }

    @Override
    public void run(Job job) throws Exception {
        Row row = db.inOrg(job.org(), null, t -> t.handle().createQuery("SELECT e.project_id, e.format, e.include_images, e.status"
                + " FROM dataset_export e JOIN project p ON p.id = e.project_id AND p.deleted_at IS NULL WHERE e.id = :id")
            .bind("id", job.subject()).map((rs, ctx) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getString(4)))
            .findOne().orElse(null));
        if (row == null || "done".equals(row.status())) {
            return; // the project (or export) is gone, or a re-run after the result was recorded
        }
        OrgStorage.Opened store;
        try {
            store = db.inOrg(job.org(), null, t -> {
                queue.requireFence(t, job);
                t.handle().createUpdate("UPDATE dataset_export SET status = 'running', done = 0, total = NULL, error = NULL WHERE id = :id")
                    .bind("id", job.subject()).execute();
                return storage.forWrite(t);
            });
        } catch (ApiException migrating) {
            throw new RetryLater("the organization's storage is being migrated", migrating);
        }
        String key = WorkspaceStorage.projectPrefix(row.project()) + "exports/" + job.subject() + "-" + job.fence() + ".zip";
        long size;
        try {
            size = write(job, row, store, key);
        } catch (ProviderException e) {
            throw e.kind() == ProviderException.Kind.UNAVAILABLE ? new RetryLater("storage unavailable", e) : e;
        }
        Instant now = clock.instant();
        Instant expires = now.plus(config.exportLinkTtl());
        try {
            db.inOrg(job.org(), null, t -> {
                queue.requireFence(t, job);
                int recorded = t.handle().createUpdate("UPDATE dataset_export SET status = 'done', object_key = :key, size_bytes = :size,"
                        + " finished_at = :now, expires_at = :expires WHERE id = :id AND EXISTS (SELECT 1 FROM project p WHERE p.id = project_id"
                        + " AND p.deleted_at IS NULL)").bind("key", key).bind("size", size).bind("now", now).bind("expires", expires)
                    .bind("id", job.subject()).execute();
                if (recorded == 0) {
                    throw new ProjectGone();
                }
                usage.record(t, size, 1);
                queue.enqueue(t, ExportExpiryJob.KIND, job.subject(), expires);
                audit.append(t, Actor.system(), AuditEntry.of("export.finished", "dataset_export", job.subject())
                    .with("project", row.project().toString()).with("bytes", size));
                return null;
            });
        } catch (FencedOut e) {
            store.store().delete(store.key(key)); // another claim owns the job now; this copy is nobody's
            throw e;
        } catch (ProjectGone e) {
            store.store().delete(store.key(key)); // the project was deleted while the export ran
        }
    }

    /** The export's project was deleted while it ran: its ZIP belongs to nobody. */
    private static final class ProjectGone extends RuntimeException {
        ProjectGone() {
            super("the project was deleted", null, false, false);
        }
    }

    private long write(Job job, Row row, OrgStorage.Opened store, String key) throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream pipe = new PipedOutputStream(in);
        Aborted aborted = new Aborted(in);
        CompletableFuture<ObjectInfo> put = CompletableFuture.supplyAsync(() -> {
            try (InputStream body = aborted) {
                return store.store().put(store.key(key), body, -1, "application/zip");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "export-put-" + job.subject());
            t.setDaemon(true);
            t.start();
        });
        Heartbeat beat = new Heartbeat(job);
        try {
            ExportWriter.write(db, job.org(), row.project(), DatasetFormat.valueOf(row.format().toUpperCase(Locale.ROOT)), pipe,
                (done, total) -> beat.maybe(done, total), !row.images() ? null : snapshot -> (image, out) -> {
                    beat.maybe(null, null);
                    try (ObjectContent c = store.store().get(store.key(snapshot.objectKey(image.id())), null); InputStream s = c.stream()) {
                        s.transferTo(out);
                    }
                });
            pipe.close();
        } catch (RuntimeException | Error e) {
            aborted.abort();
            pipe.close();
            waitQuietly(put);
            store.store().delete(store.key(key));
            if (put.isCompletedExceptionally() && !(e instanceof FencedOut)) {
                throw unwrap(put, e);
            }
            throw e;
        }
        try {
            put.get();
        } catch (ExecutionException e) {
            store.store().delete(store.key(key));
            throw unwrap(put, e);
        }
        return beat.flush(aborted.count);
    }

    private static void waitQuietly(CompletableFuture<?> f) {
        try {
            f.get();
        } catch (Exception ignored) {
            // the put was meant to fail
        }
    }

    /** The put's own failure (a storage error) if it has one, else what the writer threw. */
    private static Exception unwrap(CompletableFuture<?> put, Throwable fallback) {
        try {
            put.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof ProviderException p) {
                return p;
            }
        } catch (RuntimeException ignored) {
            // not completed exceptionally after all
        }
        return fallback instanceof Exception ex ? ex : new IllegalStateException(fallback);
    }

    /** Records progress and renews the lease at most every few seconds; stops the export when the claim is lost. */
    private final class Heartbeat {
        private final Job job;
        private Instant last = Instant.MIN;
        private long done;
        private Long total;

        Heartbeat(Job job) {
            this.job = job;
        }

        void maybe(Long newDone, Long newTotal) {
            if (newDone != null) {
                done = newDone;
                total = newTotal;
            }
            Instant now = clock.instant();
            if (Duration.between(last, now).compareTo(BEAT) < 0 && newDone == null) {
                return;
            }
            last = now;
            if (!queue.renew(job)) {
                throw new FencedOut(job);
            }
            db.inOrg(job.org(), null, t -> t.handle().createUpdate("UPDATE dataset_export SET done = :done, total = :total WHERE id = :id")
                .bind("done", done).bind("total", total).bind("id", job.subject()).execute());
        }

        long flush(long size) {
            db.inOrg(job.org(), null, t -> t.handle().createUpdate("UPDATE dataset_export SET done = total WHERE id = :id AND total IS NOT NULL")
                .bind("id", job.subject()).execute());
            return size;
        }
    }

    /** The pipe's reading end: an end of stream after an abort is an error, so the store never keeps a cut-off ZIP. */
    private static final class Aborted extends java.io.FilterInputStream {
        private volatile boolean aborted;
        long count;

        Aborted(InputStream in) {
            super(in);
        }

        void abort() {
            aborted = true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (aborted) {
                throw new IOException("the export was aborted");
            }
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
