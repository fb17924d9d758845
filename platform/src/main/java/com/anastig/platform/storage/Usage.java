package com.anastig.platform.storage;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.tenant.TenantHandle;
import io.dropwizard.util.DataSize;
import java.time.Clock;

/**
 * What an organization stores, counted as the platform writes and removes objects (and set exactly
 * by a storage migration, which sees every object), and its quota: the organization's own when an
 * operator set one, else the configured default, else none.
 */
public final class Usage {
    private final DataSize defaultQuota;
    private final Clock clock;

    public Usage(DataSize defaultQuota, Clock clock) {
        this.defaultQuota = defaultQuota;
        this.clock = clock;
    }

    /** Stored bytes and objects. */
    public record Counts(long storageBytes, long objects) {
    }

    public Counts counts(TenantHandle t) {
        return t.handle().createQuery("SELECT storage_bytes, objects FROM org_usage WHERE org_id = :org").bind("org", t.org().value())
            .map((rs, ctx) -> new Counts(rs.getLong(1), rs.getLong(2))).findOne().orElse(new Counts(0, 0));
    }

    /** The quota in bytes, or null for none. */
    public Long quota(TenantHandle t) {
        Long own = t.handle().createQuery("SELECT storage_quota_bytes FROM organization WHERE id = :org").bind("org", t.org().value())
            .mapTo(Long.class).findOne().orElse(null);
        return own != null ? own : defaultQuota == null ? null : defaultQuota.toBytes();
    }

    /** 413 {@code quota_exceeded} when {@code incomingBytes} more would pass the quota. Call before accepting an upload. */
    public void checkQuota(TenantHandle t, long incomingBytes) {
        Long quota = quota(t);
        if (quota != null && counts(t).storageBytes() + incomingBytes > quota) {
            throw new ApiException(413, "quota_exceeded", "Quota exceeded",
                "This organization's storage quota (" + quota + " bytes) does not leave room for this upload.");
        }
    }

    /** Counts a write (positive) or removal (negative) in the same transaction as its row. */
    public void record(TenantHandle t, long bytesDelta, long objectsDelta) {
        t.handle().createUpdate("INSERT INTO org_usage (org_id, storage_bytes, objects, updated_at) VALUES (:org, GREATEST(:bytes, 0),"
                + " GREATEST(:objects, 0), :now) ON CONFLICT (org_id) DO UPDATE SET storage_bytes = GREATEST(org_usage.storage_bytes + :bytes, 0),"
                + " objects = GREATEST(org_usage.objects + :objects, 0), updated_at = :now")
            .bind("org", t.org().value()).bind("bytes", bytesDelta).bind("objects", objectsDelta).bind("now", clock.instant()).execute();
    }
}
