package com.anastig.platform.bench;

import com.anastig.platform.AnastigApplication;
import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.account.password.PasswordConfig;
import com.anastig.platform.account.password.PasswordHasher;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * An organization read through the whole chain (session or API token, organization scope with
 * row-level security, throttle, read) beside a bare resource in the same JVM doing the same
 * single-row read through JDBI with no authentication, tenancy or throttling, each loaded by
 * {@code wrk} on loopback with the same threads, connections and duration, in one run. A main class,
 * not a test: {@code mvn -q -pl platform -Pbench-tenancy test-compile exec:java} (see README).
 */
public final class TenancyBenchmark {
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final String PASSWORD = "a benchmark passphrase";
    private static final String[] LOAD = {"-t2", "-c16"};

    /** The platform plus one bare route reading the same row as the cross-tenant role (no policies in its way). */
    public static final class WithBareRoute extends AnastigApplication {
        static volatile String url;

        @Override
        public void run(AnastigConfiguration config, Environment environment) throws Exception {
            super.run(config, environment);
            DataSourceFactory f = new DataSourceFactory();
            f.setDriverClass("org.postgresql.Driver");
            f.setUrl(url);
            f.setUser(SharedPostgres.CROSS_TENANT.user());
            f.setPassword(SharedPostgres.CROSS_TENANT.password());
            f.setMaxSize(config.database().maxPoolSize());
            Jdbi bare = new JdbiFactory().build(environment, f, "bare");
            environment.jersey().register(new BareResource(bare));
        }
    }

    /** {@code GET /bench/bare/{id}}: the same read with nothing around it. */
    @Path("/bench/bare/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class BareResource {
        private final Jdbi jdbi;

        BareResource(Jdbi jdbi) {
            this.jdbi = jdbi;
        }

        @GET
        public Map<String, Object> read(@PathParam("id") String id) {
            return jdbi.withHandle(h -> h.createQuery("SELECT name, created_at FROM organization WHERE id = :id AND deleted_at IS NULL")
                .bind("id", UUID.fromString(id))
                .map((rs, ctx) -> Map.<String, Object>of("id", id, "name", rs.getString(1), "role", "owner",
                    "createdAt", rs.getObject(2, java.time.OffsetDateTime.class).toInstant().toString()))
                .one());
        }
    }

    public static void main(String[] args) throws Exception {
        SharedPostgres.TestDatabase db = SharedPostgres.newDatabase();
        WithBareRoute.url = db.url();
        java.nio.file.Path data = Files.createTempDirectory("anastig-bench");
        DropwizardTestSupport<AnastigConfiguration> app = new DropwizardTestSupport<>(WithBareRoute.class,
            ResourceHelpers.resourceFilePath("it.yml"),
            ConfigOverride.config("database.url", db.url()), ConfigOverride.config("database.maxPoolSize", "16"),
            ConfigOverride.config("dataDirectory", data.toString()),
            ConfigOverride.config("plugins.directory", TestApp.pluginsDirectory().toString()),
            ConfigOverride.config("storage.managed.settings.root", data.resolve("objects").toString()),
            ConfigOverride.config("mail.provider.settings.outbox", data.resolve("outbox").toString()),
            ConfigOverride.config("sealing.keysFile", data.resolve("keys.json").toString()),
            ConfigOverride.config("hazelcast.clusterName", "bench-" + UUID.randomUUID()),
            ConfigOverride.config("throttle.limits.apiPerToken.capacity", "1000000000"),
            ConfigOverride.config("throttle.limits.apiPerToken.per", "1 second"),
            ConfigOverride.config("throttle.limits.apiPerOrganization.capacity", "1000000000"),
            ConfigOverride.config("throttle.limits.apiPerOrganization.per", "1 second"),
            ConfigOverride.config("logging.level", "ERROR"));
        app.before();
        try {
            String hash = new PasswordHasher(PasswordConfig.defaults()).hash(PASSWORD);
            db.jdbiAsApp().useHandle(h -> h.createUpdate("INSERT INTO account (id, email, email_normalized, email_verified_at, name,"
                    + " password_hash, password_changed_at, country, language, status, created_at, updated_at) VALUES (:id, :e, :e, :now,"
                    + " 'Bench', :hash, :now, 'DE', 'en', 'active', :now, :now)")
                .bind("id", UUID.randomUUID()).bind("e", "bench@example.test").bind("now", Instant.now()).bind("hash", hash).execute());
            int port = app.getLocalPort();
            ApiClient api = new ApiClient(port);
            api.post("/api/v1/session", Map.of("email", "bench@example.test", "password", PASSWORD));
            api.withCsrf();
            String org = api.post("/api/v1/orgs", Map.of("name", "Benchmark Org")).body().path("id").asText();
            String token = api.post("/api/v1/orgs/" + org + "/tokens", Map.of("name", "bench", "role", "viewer")).body().path("token").asText();
            String base = "http://127.0.0.1:" + port;
            String full = base + "/api/v1/orgs/" + org;
            String bare = base + "/bench/bare/" + org;

            String[] bareTarget = {bare};
            String[] tokenTarget = {"-H", "Authorization: Bearer " + token, full};
            String[] sessionTarget = {"-H", "Cookie: " + api.cookie(), full};
            for (String[] warm : List.of(bareTarget, tokenTarget, sessionTarget)) {
                wrk(Math.max(5, SECONDS / 2), warm); // JIT warm-up of every path
            }
            double[] rates = new double[3];
            String[] latencies = new String[3];
            int rounds = 2;
            for (int round = 0; round < rounds; round++) {
                List<String[]> order = List.of(bareTarget, tokenTarget, sessionTarget);
                for (int i = 0; i < 3; i++) {
                    Result r = wrk(SECONDS, order.get(i));
                    rates[i] += r.rate() / rounds;
                    latencies[i] = r.latency();
                }
            }
            System.out.printf("machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(), cpu());
            System.out.printf("wrk %s %s -d%ds on 127.0.0.1, GET of one organization row, %d interleaved rounds (mean)%n", LOAD[0], LOAD[1],
                SECONDS, rounds);
            System.out.printf("bare JDBI read                %9.1f req/s  avg latency %s%n", rates[0], latencies[0]);
            System.out.printf("API token -> scope+RLS+read   %9.1f req/s  avg latency %s  ratio %.2f%n", rates[1], latencies[1], rates[1] / rates[0]);
            System.out.printf("session   -> scope+RLS+read   %9.1f req/s  avg latency %s  ratio %.2f%n", rates[2], latencies[2], rates[2] / rates[0]);
        } finally {
            app.after();
        }
        System.exit(0);
    }

    record Result(double rate, String latency) {
    }

    private static Result wrk(int seconds, String... target) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wrk", LOAD[0], LOAD[1], "-d" + seconds + "s", "--latency"));
        cmd.addAll(List.of(target));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("wrk is needed: apt-get install wrk", e);
        }
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            r.lines().forEach(l -> out.append(l).append('\n'));
        }
        p.waitFor();
        if (out.toString().contains("Non-2xx")) {
            throw new IllegalStateException("errors under load:\n" + out);
        }
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher latency = Pattern.compile("Latency\\s+([0-9.]+\\w+)").matcher(out);
        if (!rate.find() || !latency.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        return new Result(Double.parseDouble(rate.group(1)), latency.group(1));
    }

    private static String cpu() throws Exception {
        return Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
            .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
    }
}
