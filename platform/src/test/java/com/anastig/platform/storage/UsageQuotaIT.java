package com.anastig.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.testing.SharedPostgres;
import io.dropwizard.util.DataSize;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Quotas: the configured default, an organization's own, and the 413 before an upload would pass it. */
class UsageQuotaIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private final TenantDb tenants = new TenantDb(DB.jdbiAsApp());

    private OrgId org() {
        OrgId org = OrgId.random();
        tenants.inOrg(org, null, t -> t.handle().createUpdate("INSERT INTO organization (id, name, created_at, created_by)"
            + " VALUES (:id, 'q', now(), :by)").bind("id", org.value()).bind("by", UUID.randomUUID()).execute());
        return org;
    }

    @Test
    void uploadsPastTheQuotaAreRefusedWith413AndCountsMoveBothWays() {
        Usage usage = new Usage(DataSize.kibibytes(10), Clock.systemUTC());
        OrgId org = org();
        tenants.inOrg(org, null, t -> {
            assertThat(usage.quota(t)).isEqualTo(10_240L);
            usage.record(t, 8_000, 2);
            usage.checkQuota(t, 2_000);
            assertThatThrownBy(() -> usage.checkQuota(t, 3_000)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(413);
                assertThat(e.toProblem().code()).isEqualTo("quota_exceeded");
            });
            usage.record(t, -8_000, -2);
            assertThat(usage.counts(t)).isEqualTo(new Usage.Counts(0, 0));
            t.handle().createUpdate("UPDATE organization SET storage_quota_bytes = 100 WHERE id = :id").bind("id", org.value()).execute();
            assertThat(usage.quota(t)).isEqualTo(100L);
            return null;
        });
        Usage unlimited = new Usage(null, Clock.systemUTC());
        OrgId other = org();
        tenants.inOrg(other, null, t -> {
            assertThat(unlimited.quota(t)).isNull();
            unlimited.checkQuota(t, Long.MAX_VALUE / 2);
            return null;
        });
    }
}
