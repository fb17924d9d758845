package com.anastig.platform.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anastig.platform.cluster.HazelcastCluster;
import com.anastig.platform.cluster.HazelcastConfig;
import com.anastig.platform.testing.MutableClock;
import com.hazelcast.map.IMap;
import io.dropwizard.util.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Hazelcast members joined over TCP-IP on 127.0.0.1, one Throttle on each: a bucket is one bucket
 * across the cluster, enforced exactly under concurrent attempts on both nodes, and its map entry
 * expires once it would be full again, so memory stays bounded.
 */
class ThrottleClusterIT {
    private static HazelcastCluster nodeA;
    private static HazelcastCluster nodeB;

    @BeforeAll
    static void startPair() {
        String name = "throttle-pair-" + UUID.randomUUID();
        List<String> members = List.of("127.0.0.1:5951", "127.0.0.1:5952");
        nodeA = new HazelcastCluster(new HazelcastConfig(name, "127.0.0.1", 5951, false, members));
        nodeB = new HazelcastCluster(new HazelcastConfig(name, "127.0.0.1", 5952, false, members));
        nodeA.start();
        nodeB.start();
        assertThat(nodeA.instance().getCluster().getMembers()).hasSize(2);
    }

    @AfterAll
    static void stopPair() {
        nodeB.stop();
        nodeA.stop();
    }

    private static ThrottleConfig tenPerHour() {
        return new ThrottleConfig(Map.of(Limit.API_PER_TOKEN.configName(), new ThrottleConfig.Rate(10L, Duration.hours(1)),
            Limit.LOGIN_FAILURES_PER_EMAIL.configName(), new ThrottleConfig.Rate(5L, Duration.minutes(5))));
    }

    @Test
    void consumingOnOneNodeIsSeenOnTheOther() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        Throttle a = new Throttle(tenPerHour(), nodeA, clock, ThrottleListener.NONE);
        Throttle b = new Throttle(tenPerHour(), nodeB, clock, ThrottleListener.NONE);
        String token = "token-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            a.consume(Limit.API_PER_TOKEN, token);
        }
        assertThat(b.remaining(Limit.API_PER_TOKEN, token)).isEqualTo(7);

        String email = "bob-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? a : b).recordFailure(Limit.LOGIN_FAILURES_PER_EMAIL, i % 2 == 0 ? email : " " + email.toUpperCase(java.util.Locale.ROOT));
        }
        assertThatThrownBy(() -> a.check(Limit.LOGIN_FAILURES_PER_EMAIL, email)).isInstanceOf(ThrottledException.class);
        assertThatThrownBy(() -> b.check(Limit.LOGIN_FAILURES_PER_EMAIL, email)).isInstanceOf(ThrottledException.class);
    }

    @Test
    void aLimitIsEnforcedExactlyAcrossBothNodes() throws Exception {
        Clock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        Throttle a = new Throttle(tenPerHour(), nodeA, clock, (limit, kind) -> refusals.add("a"));
        Throttle b = new Throttle(tenPerHour(), nodeB, clock, (limit, kind) -> refusals.add("b"));
        String token = "token-" + UUID.randomUUID();
        int attempts = 60;
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Throttle t = i % 2 == 0 ? a : b;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        t.consume(Limit.API_PER_TOKEN, token);
                        return true;
                    } catch (ThrottledException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int successes = 0;
            for (Future<Boolean> f : results) {
                successes += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(successes).isEqualTo(10);
            assertThat(refusals).hasSize(attempts - 10).contains("a", "b");
            assertThat(a.remaining(Limit.API_PER_TOKEN, token)).isZero();
            assertThat(b.remaining(Limit.API_PER_TOKEN, token)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void entriesExpireOnceTheirBucketWouldBeFullAgain() {
        ThrottleConfig twoPerTwoSeconds = new ThrottleConfig(Map.of(Limit.SIGN_UP_PER_IP.configName(),
            new ThrottleConfig.Rate(2L, Duration.seconds(2))));
        Throttle a = new Throttle(twoPerTwoSeconds, nodeA, Clock.systemUTC(), ThrottleListener.NONE);
        Throttle b = new Throttle(twoPerTwoSeconds, nodeB, Clock.systemUTC(), ThrottleListener.NONE);
        IMap<String, byte[]> onA = nodeA.instance().getMap(Throttle.BUCKETS_MAP);
        IMap<String, byte[]> onB = nodeB.instance().getMap(Throttle.BUCKETS_MAP);
        int others = onA.size();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String ip = "ip-" + UUID.randomUUID();
            (i % 2 == 0 ? a : b).consume(Limit.SIGN_UP_PER_IP, ip);
            keys.add(a.mapKey(Limit.SIGN_UP_PER_IP, ip));
        }
        assertThat(onA.size()).isEqualTo(others + 20);
        assertThat(onB.getAll(new java.util.HashSet<>(keys))).hasSize(20);
        await().atMost(java.time.Duration.ofSeconds(15)).pollInterval(java.time.Duration.ofMillis(200))
            .until(() -> keys.stream().noneMatch(onA::containsKey));
        // the background expiry removes them for good (not only hides them): the map shrinks back;
        // the other tests' buckets take minutes to an hour to refill, so they are still there
        await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(500))
            .until(() -> onA.size() == others && onB.size() == others);
    }
}
