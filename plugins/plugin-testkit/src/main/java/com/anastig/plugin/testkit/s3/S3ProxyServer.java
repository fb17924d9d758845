package com.anastig.plugin.testkit.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for tests: S3Proxy run as its own process ({@code java -jar s3proxy.jar
 * --properties s3proxy.conf}) on a free 127.0.0.1 port, with an in-memory or folder backend, a known
 * access key and secret and AWS v2/v4 authentication. Its fat jar carries unshaded AWS, Guava and
 * Jackson classes, so it never joins the test class path.
 *
 * <p>The jar is found through the system property {@value #JAR_PROPERTY} (the storage-s3 and
 * storage-minio builds copy {@code org.gaul:s3proxy:jar-with-dependencies} to
 * {@code target/s3proxy/s3proxy.jar} and pass it to failsafe). The process is destroyed on
 * {@link #close()} and by a shutdown hook if the test JVM exits first. {@link #stop()} and
 * {@link #start()} cycle it on the same port, for tests of a server that disappears mid-operation;
 * the folder backend keeps its buckets across restarts, the in-memory one does not.
 */
public final class S3ProxyServer implements AutoCloseable {
    /** The system property naming the S3Proxy jar-with-dependencies. */
    public static final String JAR_PROPERTY = "anastig.s3proxy.jar";
    /** The region S3Proxy accepts in signatures (it does not check it). */
    public static final String REGION = "us-east-1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    /** Where S3Proxy keeps the objects. */
    public enum Backend {
        /** In the S3Proxy process's memory (jclouds {@code transient}); lost on stop. */
        TRANSIENT,
        /** Under a folder (jclouds {@code filesystem}); one sub-folder per bucket, kept across restarts. */
        FILESYSTEM
    }

    private final Path jar;
    private final Backend backend;
    private final String heap;
    private final Path workDirectory;
    private final Path config;
    private final Path log;
    private final int port;
    private final String accessKey = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    private final String secretKey = UUID.randomUUID() + "/" + UUID.randomUUID();
    private final Thread shutdownHook;
    private Process process;

    private S3ProxyServer(Path jar, Backend backend, String heap) throws IOException {
        this.jar = jar;
        this.backend = backend;
        this.heap = heap;
        this.workDirectory = Files.createTempDirectory("s3proxy-");
        this.config = workDirectory.resolve("s3proxy.conf");
        this.log = workDirectory.resolve("s3proxy.log");
        this.port = freePort();
        Files.createDirectories(workDirectory.resolve("blobs"));
        Files.writeString(config, configuration(), StandardCharsets.UTF_8);
        this.shutdownHook = new Thread(this::destroyProcess, "s3proxy-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts S3Proxy with this backend and a 1 GiB heap and waits until it answers. */
    public static S3ProxyServer start(Backend backend) {
        return start(backend, "1g");
    }

    /** Starts S3Proxy with this backend and heap ({@code -Xmx} value) and waits until it answers. */
    public static S3ProxyServer start(Backend backend, String heap) {
        Objects.requireNonNull(backend, "backend");
        S3ProxyServer server;
        try {
            server = new S3ProxyServer(locateJar(), backend, heap);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the S3Proxy folder", e);
        }
        try {
            server.start();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The jar named by {@value #JAR_PROPERTY}; fails saying how to get it when it is missing. */
    public static Path locateJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        String howTo = "S3Proxy is needed for this test. Run it through Maven, which downloads "
            + "org.gaul:s3proxy:4.1.0:jar-with-dependencies and sets -D" + JAR_PROPERTY
            + ": 'mvn -pl plugins/storage-s3 verify' (or plugins/storage-minio); from an IDE, run that once and pass "
            + "-D" + JAR_PROPERTY + "=<module>/target/s3proxy/s3proxy.jar";
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("system property " + JAR_PROPERTY + " is not set. " + howTo);
        }
        Path path = Path.of(configured);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("S3Proxy jar not found at " + path.toAbsolutePath() + ". " + howTo);
        }
        return path;
    }

    /** Starts the process (again, on the same port and backend) and waits until it answers. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-Djava.net.preferIPv4Stack=true",
            "-jar", jar.toAbsolutePath().toString(), "--properties", config.toString()));
        try {
            process = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Proxy with " + command, e);
        }
        awaitReady();
    }

    /** Kills the process at once (connections in flight break), keeping the port and folder for {@link #start()}. */
    public synchronized void stop() {
        destroyProcess();
    }

    /** {@link #stop()} then {@link #start()}. */
    public synchronized void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public Backend backend() {
        return backend;
    }

    /** The folder of the filesystem backend (one sub-folder per bucket). */
    public Path blobDirectory() {
        return workDirectory.resolve("blobs");
    }

    /** The last lines S3Proxy printed, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        destroyProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        deleteRecursively(workDirectory);
    }

    private String configuration() {
        StringBuilder conf = new StringBuilder()
            .append("s3proxy.endpoint=http://127.0.0.1:").append(port).append('\n')
            .append("s3proxy.authorization=aws-v2-or-v4\n")
            .append("s3proxy.identity=").append(accessKey).append('\n')
            .append("s3proxy.credential=").append(secretKey).append('\n')
            .append("jclouds.identity=local\n")
            .append("jclouds.credential=local\n");
        if (backend == Backend.TRANSIENT) {
            conf.append("jclouds.provider=transient\n");
        } else {
            conf.append("jclouds.provider=filesystem\n")
                .append("jclouds.filesystem.basedir=").append(blobDirectory().toString().replace("\\", "/")).append('\n');
        }
        return conf.toString();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            if (answers(http)) {
                return;
            }
            sleep(100);
        }
        destroyProcess();
        throw new IllegalStateException("S3Proxy did not answer on " + endpoint() + " within " + STARTUP_TIMEOUT + ":\n" + logTail());
    }

    private boolean answers(HttpClient http) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        } catch (IOException notYet) {
            return false;
        }
        try {
            // anonymous ListBuckets: any HTTP answer (403) means S3Proxy is serving
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
            return response.statusCode() > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
        }
    }

    private synchronized void destroyProcess() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is not worth failing a test for
        }
    }
}
