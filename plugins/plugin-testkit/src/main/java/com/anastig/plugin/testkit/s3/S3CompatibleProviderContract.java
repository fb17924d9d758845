package com.anastig.plugin.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderException.Kind;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.StorageProviderFactory;
import com.anastig.plugin.api.Timeouts;
import com.anastig.plugin.testkit.GeneratedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the storage contract cannot show, for every provider of an S3-compatible bucket, against a
 * real S3Proxy: the server stopped mid-put, wrong credentials, a closed port, an outbound policy that
 * refuses the address, and multipart use. A provider module subclasses it and says how to reach the
 * bucket through its own client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
public abstract class S3CompatibleProviderContract {
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(20));
    private S3ProxyServer server;
    private String bucket;
    @TempDir
    Path work;

    /** The provider under test. */
    protected abstract StorageProviderFactory factory();

    /** Creates a bucket on the server with a client of the provider's own kind; returns its name. */
    protected abstract String createBucket(S3ProxyServer server, String name) throws Exception;

    /** The provider's settings for a bucket and prefix (null for none) on the server. */
    protected abstract ProviderSettings settings(S3ProxyServer server, String bucket, String prefix);

    @BeforeAll
    void startServer() throws Exception {
        server = S3ProxyServer.start(S3ProxyServer.Backend.FILESYSTEM);
        bucket = createBucket(server, "specific");
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private ObjectStore store(ProviderSettings settings, OutboundPolicy policy) {
        return factory().create(settings, new ProviderContext(policy, Clock.systemUTC(), work));
    }

    private ObjectStore store(String prefix) {
        return store(settings(server, bucket, prefix), OutboundPolicy.unrestricted(SHORT));
    }

    @Test
    public void serverStoppedMidPutIsUnavailableInTimeAndLeavesNothingVisible() throws Exception {
        try (ObjectStore store = store("stopped/")) {
            AtomicLong read = new AtomicLong();
            InputStream slowSource = new FilterInputStream(new GeneratedInputStream(512L * 1024 * 1024, 5)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, Math.min(len, 64 * 1024));
                    read.addAndGet(Math.max(0, n));
                    return n;
                }
            };
            CompletableFuture<Object> put = CompletableFuture.supplyAsync(() -> store.put("big/object.bin", slowSource, -1, null));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read.get() < 24L * 1024 * 1024 && System.nanoTime() < deadline && !put.isDone()) {
                Thread.sleep(20);
            }
            assertThat(read.get()).as("bytes sent before the stop").isGreaterThanOrEqualTo(24L * 1024 * 1024);
            long stoppedAt = System.nanoTime();
            server.stop();
            ExecutionException failed = catchThrowableOfType(() -> put.get(60, TimeUnit.SECONDS), ExecutionException.class);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt);
            assertThat(failed).as("the put must fail once the server is gone").isNotNull();
            assertThat(failed.getCause()).isInstanceOf(ProviderException.class);
            assertThat(((ProviderException) failed.getCause()).kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(seconds).as("seconds from the stop to the failure").isLessThanOrEqualTo(SHORT.call().toSeconds() * 3);

            server.start();
            assertThat(store.head("big/object.bin")).isEmpty();
            assertThat(store.list("", null, 100).items()).isEmpty();
            store.put("after/restart", new ByteArrayInputStream(new byte[] {1}), 1, null);
            assertThat(store.readAllBytes("after/restart")).containsExactly(1);
        } finally {
            server.start();
        }
    }

    @Test
    public void largeObjectsGoUpInPartsOfThePartSize() {
        try (ObjectStore store = store("multipart/")) {
            long size = 64L * 1024 * 1024;
            var info = store.put("m/known.bin", new GeneratedInputStream(size, 1), size, "application/octet-stream");
            assertThat(info.size()).isEqualTo(size);
            // S3 and S3Proxy give a multipart object the ETag "<md5 of the part md5s>-<parts>" (some clients drop the quotes)
            assertThat(store.head("m/known.bin").orElseThrow().etag()).matches("\"?[0-9a-f]+-8\"?");
            store.put("m/unknown.bin", new GeneratedInputStream(size + 1, 2), -1, null);
            assertThat(store.head("m/unknown.bin").orElseThrow().etag()).matches("\"?[0-9a-f]+-9\"?");
            store.put("m/small-unknown.bin", new GeneratedInputStream(1000, 3), -1, null);
            assertThat(store.head("m/small-unknown.bin").orElseThrow().etag()).doesNotContain("-");
        }
    }

    @Test
    public void wrongSecretIsDeniedWithoutLeakingIt() {
        String wrong = "wrong-" + server.secretKey();
        ProviderSettings settings = settings(server, bucket, "denied/").withSecret("secretAccessKey", wrong);
        try (ObjectStore store = store(settings, OutboundPolicy.unrestricted(SHORT))) {
            for (ProviderException e : new ProviderException[] {
                catchThrowableOfType(() -> store.put("x", new ByteArrayInputStream(new byte[] {1}), 1, null), ProviderException.class),
                catchThrowableOfType(() -> store.get("x", null), ProviderException.class),
                catchThrowableOfType(() -> store.head("x"), ProviderException.class),
                catchThrowableOfType(() -> store.list("", null, 10), ProviderException.class)}) {
                assertThat(e).isNotNull();
                assertThat(e.kind()).isEqualTo(Kind.DENIED);
                assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(server.secretKey());
            }
            SelfTestReport report = store.selfTest();
            assertThat(report.ok()).isFalse();
            assertThat(report.firstFailure().orElseThrow().name()).isEqualTo("auth");
            assertThat(report.toString()).doesNotContain(wrong);
        }
    }

    @Test
    public void unreachableEndpointIsUnavailableQuickly() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ProviderSettings settings = settings(server, bucket, null).withValue("endpoint", "http://127.0.0.1:" + closedPort);
        try (ObjectStore store = store(settings, OutboundPolicy.unrestricted(SHORT))) {
            long start = System.nanoTime();
            ProviderException e = catchThrowableOfType(() -> store.head("x"), ProviderException.class);
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.isRetryable()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
            assertThat(store.selfTest().firstFailure().orElseThrow().name()).isEqualTo("connect");
        }
    }

    @Test
    public void policyThatRefusesTheAddressIsDeniedBeforeAnyConnection() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ProviderSettings settings = settings(server, bucket, null)
                .withValue("endpoint", "http://127.0.0.1:" + listener.getLocalPort());
            try (ObjectStore store = store(settings, OutboundPolicy.filtered(SHORT, address -> false))) {
                assertThat(catchThrowableOfType(() -> store.head("x"), ProviderException.class).kind()).isEqualTo(Kind.DENIED);
                assertThat(catchThrowableOfType(() -> store.put("x", new ByteArrayInputStream(new byte[] {1}), 1, null),
                    ProviderException.class).kind()).isEqualTo(Kind.DENIED);
                assertThat(catchThrowableOfType(() -> store.list("", null, 10), ProviderException.class).kind()).isEqualTo(Kind.DENIED);
                SelfTestReport report = store.selfTest();
                assertThat(report.firstFailure().orElseThrow().name()).isEqualTo("resolve");
            }
            Thread.sleep(200);
            assertThat(accepted.get()).as("connections that reached the endpoint").isZero();
        }
    }

    @Test
    public void objectAndFolderWithTheSameNameFailCleanlyOnS3Proxy() {
        // S3 allows 'a/b' and 'a/b/c' side by side; S3Proxy's file-tree backends answer 500 (see S3ProxyLimitations)
        try (ObjectStore store = store("same/")) {
            store.put("same/name", new ByteArrayInputStream(new byte[] {1}), 1, null);
            ProviderException e = catchThrowableOfType(
                () -> store.put("same/name/child", new ByteArrayInputStream(new byte[] {2}), 1, null), ProviderException.class);
            assertThat(e).as("S3Proxy refuses the second key").isNotNull();
            assertThat(store.readAllBytes("same/name")).containsExactly(1);
            assertThat(store.list("", null, 10).items()).extracting(i -> i.key()).containsExactly("same/name");
        }
    }
}
