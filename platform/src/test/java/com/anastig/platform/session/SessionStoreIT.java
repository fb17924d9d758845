package com.anastig.platform.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.account.AccountDao;
import com.anastig.platform.cluster.HazelcastCluster;
import com.anastig.platform.cluster.HazelcastConfig;
import com.anastig.platform.testing.MutableClock;
import com.anastig.platform.testing.SharedPostgres;
import io.dropwizard.util.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions on a real database and a real two-member Hazelcast cluster: what one node revokes is dead on the other. */
class SessionStoreIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private static HazelcastCluster nodeA;
    private static HazelcastCluster nodeB;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final Jdbi jdbi = DB.jdbiAsApp();
    private final SessionConfig config = new SessionConfig(Duration.hours(2), Duration.days(14), Duration.minutes(1));
    private SessionStore a;
    private SessionStore b;
    private UUID account;

    @BeforeAll
    static void cluster() {
        String name = "sessions-" + UUID.randomUUID();
        List<String> members = List.of("127.0.0.1:5931", "127.0.0.1:5932");
        nodeA = new HazelcastCluster(new HazelcastConfig(name, "127.0.0.1", 5931, false, members));
        nodeB = new HazelcastCluster(new HazelcastConfig(name, "127.0.0.1", 5932, false, members));
        nodeA.start();
        nodeB.start();
        assertThat(nodeA.instance().getCluster().getMembers()).hasSize(2);
    }

    @AfterAll
    static void stop() {
        nodeB.stop();
        nodeA.stop();
    }

    @BeforeEach
    void setUp() {
        a = new SessionStore(jdbi, nodeA, config, clock);
        b = new SessionStore(jdbi, nodeB, config, clock);
        account = UUID.randomUUID();
        jdbi.useHandle(h -> h.attach(AccountDao.class).insert(new AccountDao.NewAccount(account, account + "@example.test",
            account + "@example.test", "T", "$argon2id$x", null, "DE", null, null, null, "en", clock.instant())));
    }

    private SessionStore.Created login() {
        return jdbi.inTransaction(h -> a.create(h, account, false, "DE", "Firefox/desktop"));
    }

    @Test
    void aSessionRevokedOnOneNodeIsDeadOnTheOtherAtOnce() {
        SessionStore.Created s = login();
        assertThat(b.find(s.token())).isPresent();
        assertThat(a.find(s.token())).isPresent();
        assertThat(a.revoke(account, s.session().id(), "logout")).isTrue();
        assertThat(b.find(s.token())).isEmpty();
        assertThat(a.find(s.token())).isEmpty();
    }

    @Test
    void theTokenIsNeverStoredAndEveryLoginGetsANewOne() {
        SessionStore.Created first = login();
        SessionStore.Created second = login();
        assertThat(first.token()).isNotEqualTo(second.token()).hasSize(43);
        int clear = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM session WHERE token_hash IN (:a, :b)")
            .bind("a", first.token()).bind("b", second.token()).mapTo(Integer.class).one());
        assertThat(clear).isZero();
        assertThat(nodeA.instance().getMap("anastig.sessions").keySet()).doesNotContain(first.token(), second.token());
    }

    @Test
    void idleAndAbsoluteTimeoutsEndSessions() {
        SessionStore.Created s = login();
        clock.advance(java.time.Duration.ofMinutes(119));
        assertThat(b.find(s.token())).isPresent();
        clock.advance(java.time.Duration.ofMinutes(119));
        assertThat(a.find(s.token())).isPresent();
        clock.advance(java.time.Duration.ofMinutes(120).plusSeconds(1));
        assertThat(a.find(s.token())).isEmpty();

        SessionStore.Created busy = login();
        Instant start = clock.instant();
        while (clock.instant().isBefore(start.plus(java.time.Duration.ofDays(15)))) {
            clock.advance(java.time.Duration.ofMinutes(115));
            if (b.find(busy.token()).isEmpty()) {
                assertThat(clock.instant()).isAfterOrEqualTo(start.plus(java.time.Duration.ofDays(14)));
                return;
            }
        }
        throw new AssertionError("a session outlived its absolute timeout");
    }

    @Test
    void revokeAllKeepsOnlyTheCurrentSession() {
        SessionStore.Created keep = login();
        SessionStore.Created other = login();
        assertThat(b.find(other.token())).isPresent();
        List<UUID> revoked = jdbi.inTransaction(h -> a.revokeAll(h, account, keep.session().id(), "password_changed"));
        a.evict(revoked);
        assertThat(revoked).containsExactly(other.session().id());
        assertThat(b.find(other.token())).isEmpty();
        assertThat(b.find(keep.token())).isPresent();
        assertThat(a.ofAccount(account)).extracting(Session::id).containsExactly(keep.session().id());
    }

    @Test
    void forgedOrMalformedCookiesFindNothing() {
        login();
        for (String bad : new String[] {null, "", "x".repeat(43), "x".repeat(1_000_000), "ä".repeat(43)}) {
            assertThat(a.find(bad)).isEmpty();
        }
    }
}
