package com.anastig.platform.storage;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobHandler;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.plugin.api.ListPage;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Copies every object of an organization from its current store to the pending one, streamed (never
 * a whole object in memory), each verified by size and by the SHA-256 of the bytes read back, then
 * switches the setting in one transaction. Progress is recorded per page under the job's fence, so a
 * crash resumes at the page it was in; the old objects stay until the owner purges them.
 */
public final class StorageMigrationJob implements JobHandler {
    public static final String KIND = "storage.migrate";
    static final int PAGE = 200;

    private final TenantDb db;
    private final OrgStorage storage;
    private final JobQueue queue;
    private final AuditLog audit;
    private final Clock clock;

    public StorageMigrationJob(TenantDb db, OrgStorage storage, JobQueue queue, AuditLog audit, Clock clock) {
        this.db = db;
        this.storage = storage;
        this.queue = queue;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    record Migration(UUID id, String source, String target, Long total, long done, long bytes, String cursor, String status) {
    }

    static Optional<Migration> load(TenantDb db, OrgId org, UUID id) {
        return db.inOrg(org, null, t -> t.handle().createQuery("SELECT id, source_setting, target_setting, total, done, bytes, page_cursor,"
                + " status FROM storage_migration WHERE id = :id").bind("id", id)
            .map((rs, ctx) -> new Migration(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
                rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getString(8)))
            .findOne());
    }

    @Override
    public void run(Job job) throws Exception {
        Migration m = load(db, job.org(), job.subject()).orElseThrow(() -> new Permanent("the migration is gone"));
        if (!"running".equals(m.status())) {
            return;
        }
        try (OrgStorage.Opened source = storage.open(job.org(), storage.parse(m.source()));
             OrgStorage.Opened target = storage.open(job.org(), storage.parse(m.target()))) {
            long total = m.total() != null ? m.total() : count(source);
            String cursor = m.cursor();
            long done = m.done();
            long bytes = m.bytes();
            boolean first = m.total() == null;
            do {
                ListPage page = source.store().list(source.base(), cursor, PAGE);
                for (ObjectInfo item : page.items()) {
                    bytes += copyVerified(source, target, item);
                }
                done += page.items().size();
                cursor = page.nextCursor();
                long d = done;
                long b = bytes;
                String c = cursor;
                boolean f = first;
                db.inOrg(job.org(), null, t -> {
                    queue.requireFence(t, job);
                    return t.handle().createUpdate("UPDATE storage_migration SET done = :done, bytes = :bytes, page_cursor = :cursor"
                            + (f ? ", total = :total" : "") + " WHERE id = :id")
                        .bind("done", d).bind("bytes", b).bind("cursor", c).bind("total", total).bind("id", m.id()).execute();
                });
                first = false;
            } while (cursor != null);
            finish(job, m, bytes, done);
        }
    }

    private void finish(Job job, Migration m, long bytes, long objects) {
        db.inOrg(job.org(), null, t -> {
            queue.requireFence(t, job);
            t.handle().createUpdate("INSERT INTO org_storage (org_id, setting, version, updated_at) VALUES (:org, :setting, 1, :now)"
                    + " ON CONFLICT (org_id) DO UPDATE SET setting = :setting, version = org_storage.version + 1, updated_at = :now")
                .bind("org", t.org().value()).bind("setting", m.target()).bind("now", clock.instant()).execute();
            t.handle().createUpdate("UPDATE storage_migration SET status = 'done', finished_at = :now WHERE id = :id")
                .bind("now", clock.instant()).bind("id", m.id()).execute();
            t.handle().createUpdate("INSERT INTO org_usage (org_id, storage_bytes, objects, updated_at) VALUES (:org, :bytes, :objects, :now)"
                    + " ON CONFLICT (org_id) DO UPDATE SET storage_bytes = :bytes, objects = :objects, updated_at = :now")
                .bind("org", t.org().value()).bind("bytes", bytes).bind("objects", objects).bind("now", clock.instant()).execute();
            audit.append(t, Actor.system(), AuditEntry.of("storage.migration_finished", "storage_migration", m.id())
                .with("objects", objects).with("bytes", bytes));
            return null;
        });
        storage.evict(job.org());
    }

    private static long count(OrgStorage.Opened source) {
        long n = 0;
        String cursor = null;
        do {
            ListPage page = source.store().list(source.base(), cursor, 1000);
            n += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        return n;
    }

    /** Streams one object across and reads it back; returns its size. */
    static long copyVerified(OrgStorage.Opened source, OrgStorage.Opened target, ObjectInfo item) throws IOException {
        String relative = item.key().substring(source.base().length());
        String targetKey = target.key(relative);
        MessageDigest sent = sha256();
        try (ObjectContent in = source.store().get(item.key(), null);
             DigestInputStream stream = new DigestInputStream(in.stream(), sent)) {
            target.store().put(targetKey, stream, in.info().size(), in.info().contentType());
        }
        MessageDigest received = sha256();
        long size;
        try (ObjectContent back = target.store().get(targetKey, null); InputStream stream = back.stream()) {
            size = new DigestInputStream(stream, received).transferTo(OutputStream.nullOutputStream());
        }
        if (size != item.size() || !Arrays.equals(sent.digest(), received.digest())) {
            throw new RetryLater("an object did not arrive intact", null);
        }
        return size;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
