package com.anastig.platform.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.cluster.HazelcastCluster;
import com.anastig.platform.cluster.HazelcastConfig;
import com.anastig.platform.testing.MutableClock;
import com.hazelcast.map.IMap;
import io.dropwizard.util.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One real Hazelcast member on 127.0.0.1; time is a {@link MutableClock} handed to Bucket4j as its
 * client clock, so refills are tested by moving the clock, never by sleeping.
 */
class ThrottleTest {
    private static HazelcastCluster cluster;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final List<String> refusals = new ArrayList<>();

    @BeforeAll
    static void startMember() {
        cluster = new HazelcastCluster(new HazelcastConfig("throttle-" + UUID.randomUUID(), "127.0.0.1", 5921, true, List.of()));
        cluster.start();
    }

    @AfterAll
    static void stopMember() {
        cluster.stop();
    }

    /** Five per five minutes for login failures per e-mail and sign-ups per IP; defaults otherwise. */
    private Throttle throttle() {
        ThrottleConfig.Rate fivePerFive = new ThrottleConfig.Rate(5L, Duration.minutes(5));
        ThrottleConfig config = new ThrottleConfig(Map.of(Limit.LOGIN_FAILURES_PER_EMAIL.configName(), fivePerFive,
            Limit.SIGN_UP_PER_IP.configName(), fivePerFive));
        return new Throttle(config, cluster, clock, (limit, kind) -> refusals.add(limit + "/" + kind));
    }

    private static String ip() {
        return "ip-" + UUID.randomUUID();
    }

    private static String email() {
        return "alice-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void capacityIsHonoured() {
        Throttle t = throttle();
        String ip = ip();
        for (int i = 0; i < 5; i++) {
            t.consume(Limit.SIGN_UP_PER_IP, ip);
        }
        assertThat(t.remaining(Limit.SIGN_UP_PER_IP, ip)).isZero();
        assertThatThrownBy(() -> t.consume(Limit.SIGN_UP_PER_IP, ip)).isInstanceOf(ThrottledException.class)
            .satisfies(e -> assertThat(((ThrottledException) e).limit()).isEqualTo(Limit.SIGN_UP_PER_IP));
        assertThat(refusals).containsExactly("SIGN_UP_PER_IP/IP");
        t.consume(Limit.SIGN_UP_PER_IP, ip());
    }

    @Test
    void theBucketRefillsOverThePeriodAndNeverAboveCapacity() {
        Throttle t = throttle();
        String ip = ip();
        for (int i = 0; i < 5; i++) {
            t.consume(Limit.SIGN_UP_PER_IP, ip);
        }
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(t.remaining(Limit.SIGN_UP_PER_IP, ip)).isEqualTo(1);
        clock.advance(java.time.Duration.ofMinutes(4));
        assertThat(t.remaining(Limit.SIGN_UP_PER_IP, ip)).isEqualTo(5);
        clock.advance(java.time.Duration.ofHours(3));
        assertThat(t.remaining(Limit.SIGN_UP_PER_IP, ip)).isEqualTo(5);
    }

    @Test
    void retryAfterIsTheWaitForTheNextTokenRoundedUp() {
        Throttle t = throttle();
        String ip = ip();
        for (int i = 0; i < 5; i++) {
            t.consume(Limit.SIGN_UP_PER_IP, ip);
        }
        assertThat(retryAfter(() -> t.consume(Limit.SIGN_UP_PER_IP, ip))).isEqualTo(60);
        clock.advance(java.time.Duration.ofMillis(29_500));
        assertThat(retryAfter(() -> t.consume(Limit.SIGN_UP_PER_IP, ip))).isEqualTo(31);
        clock.advance(java.time.Duration.ofMillis(29_500));
        assertThat(retryAfter(() -> t.consume(Limit.SIGN_UP_PER_IP, ip))).isEqualTo(1);
        clock.advance(java.time.Duration.ofMillis(999));
        assertThat(retryAfter(() -> t.check(Limit.SIGN_UP_PER_IP, ip))).isEqualTo(1);
        clock.advance(java.time.Duration.ofMillis(1));
        t.consume(Limit.SIGN_UP_PER_IP, ip);
    }

    private static long retryAfter(Runnable attempt) {
        try {
            attempt.run();
        } catch (ThrottledException e) {
            return e.retryAfterSeconds();
        }
        throw new AssertionError("not throttled");
    }

    @Test
    void emailVariantsShareOneBucket() {
        Throttle t = throttle();
        String local = "alice-" + UUID.randomUUID();
        String[] variants = {local + "@example.com", "  " + local.toUpperCase(java.util.Locale.ROOT) + "@Example.COM ",
            local + "@EXAMPLE.com\t", "\u3000" + local + "@example.com", local + "@ｅｘａｍｐｌｅ.com"};
        for (String v : variants) {
            t.recordFailure(Limit.LOGIN_FAILURES_PER_EMAIL, v);
        }
        for (String v : variants) {
            assertThatThrownBy(() -> t.check(Limit.LOGIN_FAILURES_PER_EMAIL, v)).as(v).isInstanceOf(ThrottledException.class);
        }
    }

    @Test
    void failuresOnlyLimitsCountFailuresNotChecks() {
        Throttle t = throttle();
        String email = email();
        for (int i = 0; i < 20; i++) {
            t.check(Limit.LOGIN_FAILURES_PER_EMAIL, email);
        }
        for (int i = 0; i < 4; i++) {
            t.recordFailure(Limit.LOGIN_FAILURES_PER_EMAIL, email);
            t.check(Limit.LOGIN_FAILURES_PER_EMAIL, email);
        }
        t.recordFailure(Limit.LOGIN_FAILURES_PER_EMAIL, email);
        assertThatThrownBy(() -> t.check(Limit.LOGIN_FAILURES_PER_EMAIL, email)).isInstanceOf(ThrottledException.class);
        assertThatCode(() -> t.recordFailure(Limit.LOGIN_FAILURES_PER_EMAIL, email)).doesNotThrowAnyException();
        assertThat(refusals).containsExactly("LOGIN_FAILURES_PER_EMAIL/EMAIL");
        clock.advance(java.time.Duration.ofMinutes(1));
        t.check(Limit.LOGIN_FAILURES_PER_EMAIL, email);
    }

    @Test
    void lockoutEndsWithTimeAlone() {
        Throttle t = throttle();
        String email = email();
        for (int i = 0; i < 1000; i++) {
            t.recordFailure(Limit.LOGIN_FAILURES_PER_EMAIL, email);
        }
        assertThatThrownBy(() -> t.check(Limit.LOGIN_FAILURES_PER_EMAIL, email)).isInstanceOf(ThrottledException.class);
        clock.advance(java.time.Duration.ofMinutes(1));
        t.check(Limit.LOGIN_FAILURES_PER_EMAIL, email);
    }

    @Test
    void resetForgetsAndRefundGivesBackWithoutExceedingCapacity() {
        Throttle t = throttle();
        String email = email();
        for (int i = 0; i < 5; i++) {
            t.recordFailure(Limit.LOGIN_FAILURES_PER_EMAIL, email);
        }
        t.reset(Limit.LOGIN_FAILURES_PER_EMAIL, email);
        assertThat(t.remaining(Limit.LOGIN_FAILURES_PER_EMAIL, email)).isEqualTo(5);

        String other = email();
        t.consume(Limit.LOGIN_FAILURES_PER_EMAIL, other);
        t.refund(Limit.LOGIN_FAILURES_PER_EMAIL, other);
        t.refund(Limit.LOGIN_FAILURES_PER_EMAIL, other);
        assertThat(t.remaining(Limit.LOGIN_FAILURES_PER_EMAIL, other)).isEqualTo(5);
    }

    @Test
    void subjectsReachHazelcastOnlyAsKeyedHashes() {
        Throttle t = throttle();
        String email = email();
        String ip = "203.0.113.77";
        t.recordFailure(Limit.LOGIN_FAILURES_PER_EMAIL, email);
        t.recordFailure(Limit.LOGIN_FAILURES_PER_IP, ip);
        IMap<String, byte[]> map = cluster.instance().getMap(Throttle.BUCKETS_MAP);
        String emailKey = t.mapKey(Limit.LOGIN_FAILURES_PER_EMAIL, email);
        assertThat(map.containsKey(emailKey)).isTrue();
        assertThat(emailKey).matches("[0-9a-f]{64}");
        assertThat(t.mapKey(Limit.LOGIN_FAILURES_PER_IP, email)).isNotEqualTo(emailKey);
        for (Map.Entry<String, byte[]> e : map.entrySet()) {
            assertThat(e.getKey()).doesNotContain("alice").doesNotContain("203.0.113");
            String value = new String(e.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(value).doesNotContain("alice").doesNotContain("203.0.113");
        }
    }

    @Test
    void aFailingListenerDoesNotChangeTheAnswer() {
        Throttle t = new Throttle(throttle().config(), cluster, clock, (limit, kind) -> {
            throw new IllegalStateException("listener down");
        });
        String ip = ip();
        for (int i = 0; i < 5; i++) {
            t.consume(Limit.SIGN_UP_PER_IP, ip);
        }
        assertThatThrownBy(() -> t.consume(Limit.SIGN_UP_PER_IP, ip)).isInstanceOf(ThrottledException.class);
    }

    @Test
    void ipv6ClientsCountPerSlash64AndIpv4PerAddress() {
        assertThat(Throttle.normalize(SubjectKind.IP, "2001:db8:1:2:aaaa::1"))
            .isEqualTo(Throttle.normalize(SubjectKind.IP, "2001:DB8:1:2:bbbb:cccc:dddd:eeee"));
        assertThat(Throttle.normalize(SubjectKind.IP, "2001:db8:1:2::1")).isNotEqualTo(Throttle.normalize(SubjectKind.IP, "2001:db8:1:3::1"));
        assertThat(Throttle.normalize(SubjectKind.IP, "203.0.113.7")).isNotEqualTo(Throttle.normalize(SubjectKind.IP, "203.0.113.8"));
        assertThat(Throttle.normalize(SubjectKind.IP, "unknown")).isEqualTo("unknown");
    }
}
