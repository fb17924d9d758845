package com.anastig.platform.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.testing.MutableClock;
import com.anastig.platform.testing.SharedPostgres;
import io.dropwizard.util.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The job queue on the real database: one claim per job, takeover after a lost lease, fencing of the late writer, retries. */
class JobQueueIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private final MutableClock clock = new MutableClock(java.time.Instant.now());
    private final TenantDb tenants = new TenantDb(DB.jdbiAsApp());
    private final CrossTenantDb crossTenant = new CrossTenantDb(Jdbi.create(DB.asCrossTenant()), new AuditLog(clock));
    private final JobConfig config = new JobConfig(2, Duration.milliseconds(50), Duration.seconds(30), Duration.seconds(5),
        Duration.minutes(1), 3);
    private final JobQueue queue = new JobQueue(tenants, config, clock);
    private final JobClaims claims = new JobClaims(crossTenant, config, clock);
    private final String kind = "test." + UUID.randomUUID().toString().substring(0, 8);

    private UUID enqueue(OrgId org) {
        return tenants.inOrg(org, null, t -> queue.enqueue(t, kind, UUID.randomUUID()));
    }

    private String status(OrgId org, UUID id) {
        return tenants.inOrg(org, null, t -> queue.status(t, id).orElseThrow());
    }

    @Test
    void eachJobIsClaimedOnceAcrossOrganizationsAndOnlyInItsOwnScopeVisible() {
        OrgId a = OrgId.random();
        OrgId b = OrgId.random();
        Set<UUID> queued = Set.of(enqueue(a), enqueue(b), enqueue(a));
        Set<UUID> claimed = new HashSet<>();
        for (Optional<Job> j = claims.claim("n1", Set.of(kind)); j.isPresent(); j = claims.claim("n2", Set.of(kind))) {
            assertThat(claimed.add(j.get().id())).isTrue();
        }
        assertThat(claimed).isEqualTo(queued);
        long seenFromA = tenants.inOrg(a, null, t -> t.handle().createQuery("SELECT count(*) FROM job WHERE kind = :k").bind("k", kind)
            .mapTo(Long.class).one());
        assertThat(seenFromA).isEqualTo(2);
    }

    @Test
    void aJobWhoseLeaseRanOutIsTakenOverAndTheOldClaimIsFencedOut() {
        OrgId org = OrgId.random();
        UUID id = enqueue(org);
        Job first = claims.claim("dead-node", Set.of(kind)).orElseThrow();
        assertThat(claims.claim("other", Set.of(kind))).isEmpty();
        clock.advance(java.time.Duration.ofSeconds(31));
        Job second = claims.claim("live-node", Set.of(kind)).orElseThrow();
        assertThat(second.id()).isEqualTo(id);
        assertThat(second.fence()).isGreaterThan(first.fence());

        assertThatThrownBy(() -> tenants.inOrg(org, null, t -> {
            queue.requireFence(t, first);
            return null;
        })).isInstanceOf(FencedOut.class);
        assertThat(queue.renew(first)).isFalse();
        assertThat(queue.complete(first)).isFalse();
        assertThat(status(org, id)).isEqualTo("running");
        assertThat(queue.complete(second)).isTrue();
        assertThat(status(org, id)).isEqualTo("done");
    }

    @Test
    void failuresRetryWithBackoffThenFail() {
        OrgId org = OrgId.random();
        UUID id = enqueue(org);
        for (int attempt = 1; attempt <= 3; attempt++) {
            Job j = claims.claim("n", Set.of(kind)).orElseThrow();
            assertThat(j.attempts()).isEqualTo(attempt);
            queue.failed(j, "boom", false);
            assertThat(claims.claim("n", Set.of(kind))).as("not before its backoff").isEmpty();
            clock.advance(config.backoff(attempt).plusSeconds(1));
        }
        assertThat(status(org, id)).isEqualTo("failed");
        assertThat(claims.claim("n", Set.of(kind))).isEmpty();
    }

    @Test
    void theRunnerRunsHandlersAndRecordsTheirOutcome() throws Exception {
        OrgId org = OrgId.random();
        UUID ok = enqueue(org);
        CountDownLatch ran = new CountDownLatch(1);
        ConcurrentHashMap<UUID, Boolean> seen = new ConcurrentHashMap<>();
        JobRunner runner = new JobRunner(queue, claims, config);
        runner.register(new JobHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void run(Job job) {
                seen.put(job.id(), true);
                ran.countDown();
            }
        });
        runner.start();
        try {
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> "done".equals(status(org, ok)));
        } finally {
            runner.stop();
        }
        assertThat(seen).containsKey(ok);
    }
}
