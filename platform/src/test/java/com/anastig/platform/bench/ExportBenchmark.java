package com.anastig.platform.bench;

import com.anastig.platform.dataset.DatasetFormat;
import com.anastig.platform.dataset.ExportProgress;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.workspace.ExportWriter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * COCO export of a generated project (rows in the embedded PostgreSQL: images with tiny placeholder
 * metadata and their boxes), through the export's own code path (one repeatable-read snapshot, rows
 * streamed with a fetch size, the dataset writer producing the ZIP) into a stream that counts and
 * discards, against the floor: the same rows read with a plain streaming JDBC query and written with
 * Jackson to nowhere. Two sizes, 10,000 images with 100,000 boxes and 100,000 images with 1,000,000
 * boxes; time (best of the runs) and heap in use after a full GC, sampled every 250 ms while exports of the
 * same project repeat for at least 5 s (so both sizes get the same number of samples).
 * Run with the JVM capped: {@code mvn -q -pl platform -Pbench-export test-compile exec:exec} (README).
 * System property {@code bench.runs} (3).
 */
public final class ExportBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 5);

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SharedPostgres.TestDatabase db = SharedPostgres.newDatabase();
        Jdbi superuser = Jdbi.create(db.asSuperuser());
        OrgId org = OrgId.random();
        UUID small = generate(superuser, org, 10_000, 10);
        UUID large = generate(superuser, org, 100_000, 10);
        TenantDb tenants = new TenantDb(db.jdbiAsApp());
        System.out.printf("Max heap %d MiB, %d cores, %s%n", Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        double[] heaps = new double[2];
        int i = 0;
        for (UUID project : new UUID[] {small, large}) {
            String label = project == small ? "10,000 images / 100,000 boxes" : "100,000 images / 1,000,000 boxes";
            long export = Long.MAX_VALUE;
            long floor = Long.MAX_VALUE;
            long bytes = 0;
            for (int r = 0; r < RUNS; r++) {
                long t0 = System.nanoTime();
                bytes = export(tenants, org, project);
                export = Math.min(export, System.nanoTime() - t0);
                t0 = System.nanoTime();
                floor(db, org, project);
                floor = Math.min(floor, System.nanoTime() - t0);
            }
            // the same sampling for both sizes: exports repeated for at least 5 s while the heap is sampled
            HeapSampler sampler = new HeapSampler();
            sampler.start();
            long until = System.nanoTime() + 5_000_000_000L;
            do {
                export(tenants, org, project);
            } while (System.nanoTime() < until);
            sampler.stop();
            heaps[i++] = sampler.peakMiB();
            System.out.printf("%s: COCO export %.2f s (ZIP %.1f MiB), floor %.2f s, export/floor %.2f, heap after GC during export %.1f MiB%n",
                label, export / 1e9, bytes / 1048576.0, floor / 1e9, (double) export / floor, sampler.peakMiB());
        }
        System.out.printf("Heap at 1,000,000 boxes / heap at 100,000 boxes: %.2f%n", heaps[1] / heaps[0]);
        System.exit(0);
    }

    private static long export(TenantDb tenants, OrgId org, UUID project) throws Exception {
        Counting out = new Counting();
        ExportWriter.write(tenants, org, project, DatasetFormat.COCO, out, ExportProgress.NONE, null);
        return out.count;
    }

    /** The same rows, a plain streaming query (autocommit off, fetch size), written as JSON with Jackson to nowhere. */
    private static void floor(SharedPostgres.TestDatabase db, OrgId org, UUID project) throws Exception {
        try (Connection c = db.asApp().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT set_config('anastig.org_id', '" + org + "', true)");
            }
            try (PreparedStatement q = c.prepareStatement("SELECT id, filename, media_type, width, height, shapes::text FROM image"
                + " WHERE org_id = ? AND project_id = ? ORDER BY id"); JsonGenerator g = new JsonFactory().createGenerator(new Counting())) {
                q.setFetchSize(500);
                q.setObject(1, org.value());
                q.setObject(2, project);
                g.writeStartArray();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        g.writeStartObject();
                        g.writeStringField("id", rs.getString(1));
                        g.writeStringField("file_name", rs.getString(2));
                        g.writeStringField("type", rs.getString(3));
                        g.writeNumberField("width", rs.getInt(4));
                        g.writeNumberField("height", rs.getInt(5));
                        g.writeFieldName("shapes");
                        g.writeRawValue(rs.getString(6));
                        g.writeEndObject();
                    }
                }
                g.writeEndArray();
            }
            c.commit();
        }
    }

    /** A project of {@code images} rows with {@code boxes} boxes each, made in SQL. */
    private static UUID generate(Jdbi superuser, OrgId org, int images, int boxes) {
        UUID project = UUID.randomUUID();
        UUID car = UUID.randomUUID();
        superuser.useTransaction(h -> {
            h.execute("INSERT INTO organization (id, name, created_at, created_by) VALUES (?, 'Bench', now(), ?) ON CONFLICT DO NOTHING",
                org.value(), UUID.randomUUID());
            h.execute("INSERT INTO project (id, org_id, name, type, created_at, updated_at) VALUES (?, ?, ?, 'detection', now(), now())",
                project, org.value(), "Bench " + project);
            h.execute("INSERT INTO label_class (id, org_id, project_id, name, color, position) VALUES (?, ?, ?, 'car', '#ff0000', 0)",
                car, org.value(), project);
            h.createUpdate("INSERT INTO image (id, org_id, project_id, filename, media_type, width, height, size_bytes, sha256, object_key,"
                    + " created_at, shapes, shape_count, class_ids)"
                    + " SELECT gen_random_uuid(), :org, CAST(:project AS uuid), 'img-' || n || '.jpg', 'image/jpeg', 1920, 1080, 1000,"
                    + " encode(sha256(convert_to(:project || n, 'UTF8')), 'hex'), 'projects/' || :project || '/images/' || n, now(),"
                    + " (SELECT jsonb_agg(jsonb_build_object('classId', CAST(:car AS text), 'type', 'bbox', 'bbox',"
                    + "   jsonb_build_array(10 + b * 50, 20 + b * 30, 40.5, 25.25))) FROM generate_series(1, :boxes) b),"
                    + " :boxes, ARRAY[CAST(:car AS uuid)] FROM generate_series(1, :images) n")
                .bind("org", org.value()).bind("project", project.toString()).bind("car", car.toString()).bind("boxes", boxes)
                .bind("images", images).execute();
        });
        superuser.useHandle(h -> h.execute("ANALYZE image"));
        return project;
    }

    /** Counts and discards. */
    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** Heap in use at the end of a full GC (the pools' collection usage), every 250 ms while exports run; the peak. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    System.gc();
                    // what the collection left, per heap pool, measured by the collector at its end (not the allocations since)
                    long used = 0;
                    for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                            used += pool.getCollectionUsage().getUsed();
                        }
                    }
                    peak.accumulateAndGet(used, Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        double peakMiB() {
            return peak.get() / 1048576.0;
        }
    }
}
