package com.anastig.platform.bench;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.People;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An organization read through the whole chain ({@code GET /api/v1/orgs/{orgId}} with an API token,
 * and with a session cookie: principal, tenant scope with row-level security, throttle, read) against
 * a bare resource in the same JVM and Jersey application doing the same single-row read through JDBI
 * ({@link BenchApplication}), with {@code wrk} on loopback, side by side: same threads, connections
 * and duration, a warm-up first, rounds interleaved. A main class, not a test:
 * {@code mvn -q -pl platform -Pbench-tenancy test-compile exec:java} (see README). System properties:
 * {@code bench.seconds} (10), {@code bench.threads} (2), {@code bench.connections} (16), {@code bench.rounds} (4).
 */
public final class TenancyBenchmark {
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int THREADS = Integer.getInteger("bench.threads", 2);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 16);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("Latency\\s+([0-9.]+\\w+)");
    private static final Pattern P50 = Pattern.compile("50%\\s+([0-9.]+\\w+)");
    private static final Pattern P99 = Pattern.compile("99%\\s+([0-9.]+\\w+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    private TenancyBenchmark() {
    }

    public static void main(String[] args) throws Throwable {
        SharedPostgres.TestDatabase db = SharedPostgres.newDatabase();
        Path data = Files.createTempDirectory("anastig-bench");
        DropwizardAppExtension<AnastigConfiguration> app = new DropwizardAppExtension<>(BenchApplication.class,
            ResourceHelpers.resourceFilePath("it.yml"),
            ConfigOverride.config("database.url", db.url()), ConfigOverride.config("dataDirectory", data.toString()),
            ConfigOverride.config("plugins.directory", TestApp.pluginsDirectory().toString()),
            ConfigOverride.config("storage.managed.settings.root", data.resolve("objects").toString()),
            ConfigOverride.config("mail.provider.settings.outbox", data.resolve("outbox").toString()),
            ConfigOverride.config("sealing.keysFile", data.resolve("keys.json").toString()),
            ConfigOverride.config("hazelcast.clusterName", "bench-" + UUID.randomUUID()),
            // the throttle stays in the chain (every request consumes from both buckets) but never refuses
            ConfigOverride.config("throttle.limits.apiPerToken.capacity", "1000000000"),
            ConfigOverride.config("throttle.limits.apiPerToken.per", "1m"),
            ConfigOverride.config("throttle.limits.apiPerOrganization.capacity", "1000000000"),
            ConfigOverride.config("throttle.limits.apiPerOrganization.per", "1m"),
            ConfigOverride.config("logging.level", "ERROR"));
        app.before();
        try {
            People.Person owner = new People(app).signedIn("Bench Owner", "Bench Org");
            String org = owner.api().get("/api/v1/orgs").body().path("items").get(0).path("id").asText();
            ApiClient.Answer created = owner.api().post("/api/v1/orgs/" + org + "/tokens", Map.of("name", "bench", "role", "viewer"));
            if (created.status() != 201) {
                throw new IllegalStateException("token: " + created.status() + " " + created.body());
            }
            String token = created.body().path("token").asText();
            String base = "http://127.0.0.1:" + app.getLocalPort();
            Map<String, List<String>> targets = new LinkedHashMap<>();
            targets.put("bare GET /bench/bare/{id} (no auth, tenancy, throttle)", List.of(base + "/bench/bare/" + org));
            targets.put("GET /api/v1/orgs/{orgId}, API token", List.of(base + "/api/v1/orgs/" + org, "-H", "Authorization: Bearer " + token));
            targets.put("GET /api/v1/orgs/{orgId}, session cookie", List.of(base + "/api/v1/orgs/" + org, "-H", "Cookie: " + owner.api().cookie()));
            for (var t : targets.entrySet()) {
                check(t.getValue());
            }
            ProcessHandle postgres = postmaster(db.url());
            if (postgres == null) {
                System.out.println("(the PostgreSQL server process was not found: its CPU is not reported)");
            }
            for (var t : targets.entrySet()) {
                wrk(t.getValue(), Math.max(3, SECONDS / 3), postgres); // warm-up: JIT, pools, Hazelcast
            }
            Map<String, List<Result>> results = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (var t : targets.entrySet()) {
                    results.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(wrk(t.getValue(), SECONDS, postgres));
                }
            }
            report(results);
        } finally {
            app.after();
        }
        System.exit(0);
    }

    /** One wrk run's figures. */
    record Result(double rps, String latency, String p50, String p99, long errors, double jvmMs, double postgresMs) {
    }

    /** CPU time (ms) so far of this JVM and of its PostgreSQL processes (server and backends), from /proc. */
    private static double[] cpu(ProcessHandle postgres) {
        double[] out = new double[2];
        out[0] = ticks(ProcessHandle.current().pid());
        if (postgres != null) {
            out[1] = ticks(postgres.pid()) + postgres.descendants().mapToDouble(p -> ticks(p.pid())).sum();
        }
        return out;
    }

    /** The embedded server's postmaster (a daemon, not our child): the postgres process listening on the database URL's port. */
    private static ProcessHandle postmaster(String url) {
        Matcher m = Pattern.compile(":(\\d+)/").matcher(url);
        String port = m.find() ? m.group(1) : "?";
        return ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("/postgres"))
            .filter(p -> java.util.Arrays.asList(p.info().arguments().orElse(new String[0])).contains(port))
            .findFirst().orElse(null);
    }

    private static double ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0; // utime + stime, 100 ticks a second
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
    }

    private static void check(List<String> target) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}"));
        cmd.addAll(target);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String code = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        if (!code.equals("200")) {
            throw new IllegalStateException("expected 200 from " + target.get(0) + ", got " + code);
        }
    }

    private static Result wrk(List<String> target, int seconds, ProcessHandle postgres) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency"));
        cmd.addAll(target.subList(1, target.size()));
        cmd.add(target.get(0));
        double[] before = cpu(postgres);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double[] after = cpu(postgres);
        if (exit != 0) {
            throw new IllegalStateException("wrk failed (apt-get install -y wrk): " + out);
        }
        Matcher errors = NON_2XX.matcher(out);
        double rps = Double.parseDouble(find(RPS, out));
        double requests = rps * seconds;
        return new Result(rps, find(LATENCY, out), find(P50, out), find(P99, out), errors.find() ? Long.parseLong(errors.group(1)) : 0,
            (after[0] - before[0]) / requests, (after[1] - before[1]) / requests);
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output: " + text);
        }
        return m.group(1);
    }

    private static void report(Map<String, List<Result>> results) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        System.out.printf("%nTenancy benchmark: %d cores (%s), load average %s, wrk -t%d -c%d -d%ds --latency, %d interleaved round(s)%n",
            Runtime.getRuntime().availableProcessors(), cpu, loadAverage(), THREADS, CONNECTIONS, SECONDS, ROUNDS);
        List<Result> bare = results.values().iterator().next();
        for (var e : results.entrySet()) {
            List<Result> rs = e.getValue();
            // each round's ratio against the bare route's run of the same round, then their median: the machine's load drifts
            List<Double> ratios = new ArrayList<>();
            StringBuilder rounds = new StringBuilder();
            for (int i = 0; i < rs.size(); i++) {
                Result r = rs.get(i);
                ratios.add(r.rps() / bare.get(i).rps());
                rounds.append(String.format("%n      round %d: %7.0f req/s, ratio %.2f, latency avg %s p50 %s p99 %s%s", i + 1, r.rps(),
                    ratios.get(i), r.latency(), r.p50(), r.p99(), r.errors() > 0 ? ", " + r.errors() + " non-2xx" : ""));
            }
            ratios.sort(Double::compare);
            double median = ratios.size() % 2 == 1 ? ratios.get(ratios.size() / 2)
                : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
            System.out.printf("  %-56s mean %7.0f req/s, median ratio %.2f; CPU per request: JVM %.3f ms, PostgreSQL %.3f ms%s%n",
                e.getKey(), mean(rs), median, rs.stream().mapToDouble(Result::jvmMs).average().orElse(0),
                rs.stream().mapToDouble(Result::postgresMs).average().orElse(0), rounds);
        }
        System.out.println("  target: full chain / bare >= 0.60");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double mean(List<Result> rs) {
        return rs.stream().mapToDouble(Result::rps).average().orElse(0);
    }
}
