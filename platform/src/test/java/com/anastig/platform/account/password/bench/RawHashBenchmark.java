package com.anastig.platform.account.password.bench;

import com.anastig.platform.account.password.HashingPool;
import com.anastig.platform.account.password.PasswordConfig;
import com.anastig.platform.account.password.PasswordHasher;
import com.anastig.platform.account.password.PasswordRules;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw Argon2id hashes per second at the configured parameters on as many threads as the hashing pool
 * (the figure logins are compared against), beside one thread and beside the same work through the
 * {@link HashingPool} from twice as many callers. A main class, not a test:
 * <pre>
 * mvn -q -o -pl platform test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.anastig.platform.account.password.bench.RawHashBenchmark [-Dbench.seconds=20]
 * </pre>
 * System properties: {@code bench.seconds} (default 10),
 * {@code bench.threads} (default: the pool size, cores - 1, at least 1), {@code bench.memoryKib},
 * {@code bench.iterations}, {@code bench.parallelism} (defaults: the {@code passwords:} defaults).
 */
public final class RawHashBenchmark {
    private static final String PASSWORD = "a benchmark passphrase";

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        PasswordConfig d = PasswordConfig.defaults();
        int threads = Integer.getInteger("bench.threads", d.hashingThreads());
        PasswordConfig config = PasswordConfig.of(Integer.getInteger("bench.memoryKib", d.memoryKib()),
            Integer.getInteger("bench.iterations", d.iterations()), Integer.getInteger("bench.parallelism", d.parallelism()),
            threads, 4 * threads);
        PasswordHasher hasher = new PasswordHasher(config);
        String stored = hasher.hash(PASSWORD);
        rate(threads, 2, () -> hasher.verify(PASSWORD, stored).matches()); // warm-up

        double one = rate(1, seconds, () -> hasher.hash(PASSWORD) != null);
        double raw = rate(threads, seconds, () -> hasher.hash(PASSWORD) != null);
        double rawVerify = rate(threads, seconds, () -> hasher.verify(PASSWORD, stored).matches());
        HashingPool pool = new HashingPool(config, hasher, new PasswordRules(config));
        double pooled;
        try {
            pooled = rate(2 * threads, seconds, () -> pool.verify(PASSWORD, stored).matches());
        } finally {
            pool.stop();
        }

        System.out.printf("%nRaw Argon2id benchmark: %d cores, %d thread(s) (the hashing pool's size), m=%d KiB t=%d p=%d, %d s per figure%n",
            Runtime.getRuntime().availableProcessors(), threads, config.memoryKib(), config.iterations(), config.parallelism(), seconds);
        System.out.printf("  hashes, 1 thread:                   %8.1f /s  (%5.1f ms each)%n", one, 1000 / one);
        System.out.printf("  hashes, %d thread(s):                %8.1f /s  <- the raw rate logins are compared against%n", threads, raw);
        System.out.printf("  verifications, %d thread(s):         %8.1f /s%n", threads, rawVerify);
        System.out.printf("  verifications via HashingPool, %d callers: %8.1f /s  (ratio to raw verifications %.2f)%n",
            2 * threads, pooled, pooled / rawVerify);
    }

    /** Successful calls per second on {@code threads} threads for {@code seconds}. */
    static double rate(int threads, int seconds, Callable<Boolean> call) throws Exception {
        AtomicLong ok = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(workers.submit(() -> {
                while (System.nanoTime() < end) {
                    if (call.call()) {
                        ok.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        workers.shutdown();
        return ok.get() / ((System.nanoTime() - start) / 1e9);
    }
}
