package com.anastig.platform.account.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.http.ApiException;
import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashingPoolTest {
    private static final PasswordRules RULES = new PasswordRules();
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private final List<HashingPool> pools = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        callers.shutdownNow();
        for (HashingPool pool : pools) {
            pool.stop();
        }
    }

    @Test
    void parallelVerificationsAllComplete() throws Exception {
        HashingPool pool = pool(PasswordConfig.of(4096, 1, 1, 2, 32));
        String hash = pool.hash("a correct horse");
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String guess = i % 2 == 0 ? "a correct horse" : "a wrong horse " + i;
            calls.add(callers.submit(() -> pool.verify(guess, hash).matches()));
        }
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i % 2 == 0);
        }
        assertThat(pool.largestThreadCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void threadsNeverExceedTheConfiguredCount() throws Exception {
        HashingPool pool = pool(PasswordConfig.of(1024, 1, 1, 3, 100));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(callers.submit(() -> pool.run(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(20);
                running.decrementAndGet();
                return null;
            })));
        }
        for (Future<?> f : calls) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertThat(most.get()).isBetween(2, 3);
        assertThat(pool.largestThreadCount()).isEqualTo(3);
    }

    @Test
    void aSaturatedPoolRefusesAtOnceWithBusyAndRetryAfter() throws Exception {
        HashingPool pool = pool(PasswordConfig.of(1024, 1, 1, 1, 2));
        MetricRegistry metrics = new MetricRegistry();
        pool.registerMetrics(metrics);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<Future<?>> blockers = new ArrayList<>();
        blockers.add(callers.submit(() -> pool.run(() -> {
            started.countDown();
            return release.await(30, TimeUnit.SECONDS);
        })));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 2; i++) {
            blockers.add(callers.submit(() -> pool.run(() -> release.await(30, TimeUnit.SECONDS))));
        }
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> pool.queued() == 2);
        assertThat(metrics.getGauges().get("passwords.hashing.queued").getValue()).isEqualTo(2);

        long start = System.nanoTime();
        assertThatThrownBy(() -> pool.hash("a password that must wait")).isInstanceOfSatisfying(HashingBusyException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("busy");
            assertThat(e.retryAfterSeconds()).isEqualTo(1);
            assertThat(e.getMessage()).doesNotContain("a password that must wait");
        });
        assertThatThrownBy(() -> pool.verify("a guess", "$argon2id$...")).isInstanceOf(HashingBusyException.class);
        assertThatThrownBy(() -> pool.burn("a guess")).isInstanceOf(HashingBusyException.class);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(metrics.getGauges().get("passwords.hashing.rejected").getValue()).isEqualTo(3L);

        release.countDown();
        for (Future<?> f : blockers) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(pool.verify("a guess", pool.hash("a guess")).matches()).isTrue();
    }

    @Test
    void aCallerWaitsAtMostTheConfiguredTime() throws Exception {
        HashingPool pool = pool(new PasswordConfig(1024, 1, 1, 1, 8, 1, null, null));
        CountDownLatch release = new CountDownLatch(1);
        // the blocking task ignores the interrupt its own caller's time-out sends, so the thread stays taken
        Future<?> blocker = callers.submit(() -> pool.run(() -> {
            boolean done = false;
            while (!done) {
                try {
                    done = release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // keep the thread busy
                }
            }
            return null;
        }));
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> pool.largestThreadCount() == 1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> pool.hash("a patient password")).isInstanceOf(HashingBusyException.class);
        assertThat(System.nanoTime() - start).isBetween(TimeUnit.MILLISECONDS.toNanos(900), TimeUnit.SECONDS.toNanos(5));
        release.countDown();
        assertThatThrownBy(() -> blocker.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(HashingBusyException.class);
    }

    @Test
    void aPasswordOverTheMaximumIsNeverHashed() {
        HashingPool pool = pool(PasswordConfig.of(1024, 1, 1, 1, 8));
        String megabyte = "x".repeat(1_000_000);
        assertThatThrownBy(() -> pool.hash(megabyte)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.toProblem().errors()).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith(PasswordRules.TOO_LONG));
        });
        String stored = pool.hash("x".repeat(1024));
        assertThat(pool.verify("x".repeat(1024), stored).matches()).isTrue();
        assertThat(pool.verify("x".repeat(1025), stored).matches()).isFalse();
        pool.burn(megabyte);
        assertThat(pool.largestThreadCount()).isEqualTo(1);
    }

    @Test
    void rehashingAnImportedShortPasswordIsAllowed() {
        HashingPool pool = pool(PasswordConfig.of(1024, 1, 1, 1, 8));
        assertThat(pool.check("password", "short")).isNotEmpty();
        assertThat(pool.verify("short", pool.hash("short")).matches()).isTrue();
    }

    @Test
    void aStoppedPoolRefuses() throws Exception {
        HashingPool pool = pool(PasswordConfig.of(1024, 1, 1, 1, 8));
        pool.stop();
        assertThatThrownBy(() -> pool.hash("after the stop")).isInstanceOf(HashingBusyException.class);
    }

    private HashingPool pool(PasswordConfig config) {
        HashingPool pool = new HashingPool(config, new PasswordHasher(config), RULES);
        pools.add(pool);
        return pool;
    }
}
