package com.anastig.platform.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.testing.MutableClock;
import com.anastig.platform.testing.SharedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Single-use tokens on a real database, with time moved by an injected clock. */
class AccountTokensIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final AccountTokens tokens = new AccountTokens(clock);
    private final Jdbi jdbi = DB.jdbiAsApp();
    private UUID account;

    @BeforeEach
    void anAccount() {
        account = UUID.randomUUID();
        jdbi.useHandle(h -> h.attach(AccountDao.class).insert(new AccountDao.NewAccount(account, account + "@example.test",
            account + "@example.test", "Test", "$argon2id$x", null, "DE", null, null, null, "en", clock.instant())));
    }

    private String issue() {
        return jdbi.inTransaction(h -> tokens.issue(h, account, "verify_email", Duration.ofMinutes(60)));
    }

    private UUID redeem(String token) {
        return jdbi.inTransaction(h -> tokens.redeem(h, "verify_email", token));
    }

    private static String code(Throwable t) {
        return ((ApiException) t).code();
    }

    @Test
    void aTokenWorksOnceAndIsStoredOnlyAsItsHash() {
        String token = issue();
        assertThat(token).hasSize(43);
        String stored = jdbi.withHandle(h -> h.createQuery("SELECT token_hash FROM account_token WHERE account_id = :a")
            .bind("a", account).mapTo(String.class).one());
        assertThat(stored).isEqualTo(AccountTokens.sha256(token)).doesNotContain(token);
        assertThat(redeem(token)).isEqualTo(account);
        assertThatThrownBy(() -> redeem(token)).satisfies(e -> assertThat(code(e)).isEqualTo("token_used"));
    }

    @Test
    void itExpiresSixtyMinutesAfterIssue() {
        String stillValid = issue();
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(redeem(stillValid)).isEqualTo(account);

        clock.set(Instant.parse("2026-11-28T12:00:00Z"));
        String expiring = issue();
        clock.advance(Duration.ofMinutes(60).plusSeconds(1));
        assertThatThrownBy(() -> redeem(expiring)).satisfies(e -> assertThat(code(e)).isEqualTo("token_expired"));
    }

    @Test
    void aNewerTokenVoidsTheOlderOne() {
        String older = issue();
        String newer = issue();
        assertThatThrownBy(() -> redeem(older)).satisfies(e -> assertThat(code(e)).isEqualTo("invalid_token"));
        assertThat(redeem(newer)).isEqualTo(account);
    }

    @Test
    void malformedTokensAreRefusedWithoutALookUp() {
        String token = issue();
        for (String bad : List.of(token.substring(0, 42), token + "A", "ä".repeat(43), "x".repeat(1_000_000), "", " " + token)) {
            assertThatThrownBy(() -> redeem(bad)).satisfies(e -> assertThat(code(e)).isEqualTo("invalid_token"));
        }
        assertThat(redeem(token)).isEqualTo(account);
    }

    @Test
    void ofTwoConcurrentRedemptionsExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String token = issue();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Callable<Boolean> attempt = () -> {
                        start.await();
                        try {
                            redeem(token);
                            return true;
                        } catch (ApiException e) {
                            assertThat(e.code()).isEqualTo("token_used");
                            return false;
                        }
                    };
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> r : results) {
                    wins += r.get() ? 1 : 0;
                }
                assertThat(wins).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void purgeRemovesWhatCanNoLongerBeUsed() {
        String used = issue();
        redeem(used);
        issue();
        clock.advance(Duration.ofMinutes(61));
        int purged = jdbi.inTransaction(tokens::purge);
        assertThat(purged).isGreaterThanOrEqualTo(2);
        int left = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM account_token WHERE account_id = :a")
            .bind("a", account).mapTo(Integer.class).one());
        assertThat(left).isZero();
    }
}
