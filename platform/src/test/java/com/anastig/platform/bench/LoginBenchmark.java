package com.anastig.platform.bench;

import com.anastig.platform.AnastigApplication;
import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.account.password.PasswordConfig;
import com.anastig.platform.account.password.PasswordHasher;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logins per second against the real platform (embedded PostgreSQL, real HTTP) beside raw Argon2id
 * verifications at the same parameters on as many threads as the hashing pool, in one run; and an
 * authenticated GET's throughput unloaded and while logins saturate the pool. A main class, not a test:
 * {@code mvn -q -pl platform -Pbench-login test-compile exec:java} (see README).
 */
public final class LoginBenchmark {
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final String PASSWORD = "a benchmark passphrase";

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        PasswordConfig params = PasswordConfig.defaults();
        int threads = params.hashingThreads();
        PasswordHasher hasher = new PasswordHasher(params);
        String hash = hasher.hash(PASSWORD);

        SharedPostgres.TestDatabase db = SharedPostgres.newDatabase();
        Path data = Files.createTempDirectory("anastig-bench");
        DropwizardTestSupport<AnastigConfiguration> app = new DropwizardTestSupport<>(AnastigApplication.class,
            ResourceHelpers.resourceFilePath("it.yml"),
            ConfigOverride.config("database.url", db.url()), ConfigOverride.config("dataDirectory", data.toString()),
            ConfigOverride.config("plugins.directory", TestApp.pluginsDirectory().toString()),
            ConfigOverride.config("storage.managed.settings.root", data.resolve("objects").toString()),
            ConfigOverride.config("mail.provider.settings.outbox", data.resolve("outbox").toString()),
            ConfigOverride.config("sealing.keysFile", data.resolve("keys.json").toString()),
            ConfigOverride.config("hazelcast.clusterName", "bench-" + UUID.randomUUID()),
            ConfigOverride.config("passwords.memoryKib", String.valueOf(params.memoryKib())),
            ConfigOverride.config("passwords.iterations", String.valueOf(params.iterations())),
            ConfigOverride.config("passwords.hashingThreads", String.valueOf(threads)),
            ConfigOverride.config("logging.level", "ERROR"));
        app.before();
        try {
            List<String> emails = new ArrayList<>();
            db.jdbiAsApp().useHandle(h -> {
                for (int i = 0; i < 200; i++) {
                    String email = "bench-" + i + "@example.test";
                    emails.add(email);
                    h.createUpdate("INSERT INTO account (id, email, email_normalized, email_verified_at, name, password_hash,"
                            + " password_changed_at, country, language, status, created_at, updated_at) VALUES (:id, :e, :e, :now, 'B',"
                            + " :hash, :now, 'DE', 'en', 'active', :now, :now)")
                        .bind("id", UUID.randomUUID()).bind("e", email).bind("now", Instant.now()).bind("hash", hash).execute();
                }
            });
            int port = app.getLocalPort();
            ApiClient reader = new ApiClient(port);
            reader.post("/api/v1/session", Map.of("email", emails.get(0), "password", PASSWORD));

            double raw = rate(threads, () -> hasher.verify(PASSWORD, hash).matches());
            rate(threads * 2, () -> login(port, emails)); // warm-up
            double logins = rate(threads * 2, () -> login(port, emails));
            double getUnloaded = rate(2, () -> reader.get("/api/v1/me").status() == 200);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService flood = Executors.newFixedThreadPool(threads * 2);
            for (int i = 0; i < threads * 2; i++) {
                flood.submit(() -> {
                    while (!stop.get()) {
                        login(port, emails);
                    }
                    return null;
                });
            }
            double getLoaded = rate(2, () -> reader.get("/api/v1/me").status() == 200);
            stop.set(true);
            flood.shutdown();

            System.out.printf("%nLogin benchmark: %d cores, hashing pool %d thread(s), Argon2id m=%d KiB t=%d p=%d, %d s per measurement%n",
                cores, threads, params.memoryKib(), params.iterations(), params.parallelism(), SECONDS);
            System.out.printf("  raw Argon2id verifications, %d thread(s): %8.1f /s%n", threads, raw);
            System.out.printf("  logins over HTTP (POST /api/v1/session):   %8.1f /s   ratio to raw %.2f (target >= 0.90)%n", logins, logins / raw);
            System.out.printf("  logins per second per core:               %8.1f      (Keycloak's sizing guide: 15 per vCPU)%n", logins / cores);
            System.out.printf("  GET /api/v1/me unloaded:                  %8.1f /s%n", getUnloaded);
            System.out.printf("  GET /api/v1/me while logins saturate:     %8.1f /s   ratio %.2f (target >= 0.50)%n", getLoaded, getLoaded / getUnloaded);
        } finally {
            app.after();
        }
        System.exit(0);
    }

    private static boolean login(int port, List<String> emails) throws Exception {
        ApiClient c = new ApiClient(port);
        String email = emails.get((int) (Math.random() * emails.size()));
        return c.post("/api/v1/session", Map.of("email", email, "password", PASSWORD)).status() == 200;
    }

    /** Successful calls per second on {@code threads} threads for the measurement time. */
    private static double rate(int threads, Callable<Boolean> call) throws Exception {
        AtomicLong ok = new AtomicLong();
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
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
        pool.shutdown();
        return ok.get() / ((System.nanoTime() - start) / 1e9);
    }
}
