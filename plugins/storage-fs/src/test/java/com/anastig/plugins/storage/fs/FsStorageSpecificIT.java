package com.anastig.plugins.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderException.Kind;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.Timeouts;
import com.anastig.plugin.testkit.GeneratedInputStream;
import com.anastig.plugin.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** What only a folder can get wrong: the files on disk, symbolic links, temporary files, sidecars. */
class FsStorageSpecificIT {
    @TempDir
    Path temp;
    Path root;
    Path outside;
    ObjectStore store;

    @BeforeEach
    void open() throws IOException {
        root = temp.resolve("root");
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "top secret");
        store = create("org-1/");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ObjectStore create(String prefix) {
        return new FsStorageProviderFactory().create(ProviderSettings.of(Map.of("root", root.toString(), "prefix", prefix)),
            new ProviderContext(OutboundPolicy.unrestricted(Timeouts.DEFAULTS), new MutableClock(), temp));
    }

    @Test
    void objectsAreFilesNamedByTheirKeyWithSidecarsInADisjointTree() throws IOException {
        ObjectInfo info = store.put("images/ünï/cat 1.jpg", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "image/jpeg");
        Path data = root.resolve("data/org-1/images/ünï/cat 1.jpg");
        assertThat(Files.readAllBytes(data)).containsExactly(1, 2, 3);
        assertThat(root.resolve("meta/org-1/images/ünï/cat 1.jpg")).isRegularFile();
        assertThat(info.etag()).isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");

        store.delete("images/ünï/cat 1.jpg");
        assertThat(root.resolve("data/org-1/images")).doesNotExist();
        assertThat(root.resolve("meta/org-1/images")).doesNotExist();
        assertThat(root.resolve("data/org-1")).isDirectory();
    }

    @Test
    void escapingKeysWriteNothingAnywhere() throws IOException {
        for (String key : List.of("../escaped", "a/../../escaped", "/etc/escaped", "../../outside/new", "a\u0000b", "a\\..\\b", "a//b")) {
            assertKind(Kind.INVALID_REQUEST, () -> store.put(key, new ByteArrayInputStream(new byte[] {1}), 1, null));
            assertKind(Kind.INVALID_REQUEST, () -> store.copy(key, "x"));
            assertKind(Kind.INVALID_REQUEST, () -> store.delete(key));
        }
        assertThat(regularFiles(temp)).containsExactly(outside.resolve("secret"));
    }

    @Test
    void symbolicLinksOutOfTheStoreAreRefused() throws IOException {
        Path dataDir = root.resolve("data/org-1");
        Files.createSymbolicLink(dataDir.resolve("linked-dir"), outside);
        Files.createSymbolicLink(dataDir.resolve("linked-file"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("meta/org-1/meta-link"), outside);

        assertKind(Kind.INVALID_REQUEST, () -> store.get("linked-dir/secret", null));
        assertKind(Kind.INVALID_REQUEST, () -> store.head("linked-dir/secret"));
        assertKind(Kind.INVALID_REQUEST, () -> store.put("linked-dir/new", new ByteArrayInputStream(new byte[] {1}), 1, null));
        assertKind(Kind.INVALID_REQUEST, () -> store.delete("linked-dir/secret"));
        assertKind(Kind.INVALID_REQUEST, () -> store.copy("linked-file", "copied"));
        assertKind(Kind.INVALID_REQUEST, () -> store.get("linked-file", null));
        assertKind(Kind.INVALID_REQUEST, () -> store.put("linked-file", new ByteArrayInputStream(new byte[] {1}), 1, null));
        assertKind(Kind.INVALID_REQUEST, () -> store.put("meta-link/x", new ByteArrayInputStream(new byte[] {1}), 1, null));
        assertThat(store.list("", null, 100).items()).isEmpty();

        assertThat(regularFiles(outside)).containsExactly(outside.resolve("secret"));
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("top secret");
        assertThat(Files.isSymbolicLink(dataDir.resolve("linked-file"))).isTrue();
    }

    @Test
    void aFailingUploadLeavesNoObjectAndNoTemporaryFile() throws IOException {
        InputStream failing = GeneratedInputStream.failingAfter(1_000_000, 1, 500_000);
        ProviderException e = catchThrowableOfType(() -> store.put("half.bin", failing, -1, null), ProviderException.class);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(store.head("half.bin")).isEmpty();
        assertThat(store.list("", null, 10).items()).isEmpty();
        assertThat(regularFiles(root)).isEmpty();
    }

    @Test
    void aWriteInProgressIsInvisibleUntilItCompletes() throws Exception {
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream slow = new java.io.SequenceInputStream(new GeneratedInputStream(300_000, 2), new InputStream() {
            @Override
            public int read() throws IOException {
                halfway.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }
        });
        CompletableFuture<ObjectInfo> put = CompletableFuture.supplyAsync(() -> store.put("slow.bin", slow, -1, "x/y"));
        assertThat(halfway.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(store.head("slow.bin")).isEmpty();
        assertThat(store.list("", null, 10).items()).isEmpty();
        assertThat(root.resolve("data/org-1/slow.bin")).doesNotExist();
        assertThat(regularFiles(root.resolve("tmp"))).hasSize(1);
        release.countDown();
        assertThat(put.get(30, TimeUnit.SECONDS).size()).isEqualTo(300_000);
        assertThat(store.head("slow.bin").orElseThrow().contentType()).isEqualTo("x/y");
        assertThat(regularFiles(root.resolve("tmp"))).isEmpty();
    }

    @Test
    void aDeclaredLengthThatDoesNotMatchIsRefused() throws IOException {
        assertKind(Kind.INVALID_REQUEST, () -> store.put("short", new ByteArrayInputStream(new byte[5]), 10, null));
        assertKind(Kind.INVALID_REQUEST, () -> store.put("long", new ByteArrayInputStream(new byte[10]), 5, null));
        assertThat(regularFiles(root)).isEmpty();
    }

    @Test
    void aStaleSidecarIsIgnored() throws IOException {
        store.put("obj", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "image/png");
        Files.write(root.resolve("data/org-1/obj"), new byte[] {9, 9, 9, 9, 9});
        ObjectInfo info = store.head("obj").orElseThrow();
        assertThat(info.size()).isEqualTo(5);
        assertThat(info.contentType()).isNull();
        assertThat(info.etag()).isNull();
        assertThat(store.readAllBytes("obj")).containsExactly(9, 9, 9, 9, 9);
    }

    @Test
    void storesWithDifferentPrefixesAreIsolated() {
        try (ObjectStore other = create("org-2/")) {
            store.put("same/key", new ByteArrayInputStream(new byte[] {1}), 1, null);
            other.put("same/key", new ByteArrayInputStream(new byte[] {2}), 1, null);
            assertThat(store.readAllBytes("same/key")).containsExactly(1);
            assertThat(other.readAllBytes("same/key")).containsExactly(2);
            other.delete("same/key");
            assertThat(store.list("", null, 10).items()).extracting(ObjectInfo::key).containsExactly("same/key");
        }
    }

    @Test
    void overlongSegmentsAreInvalidRequests() {
        String key = "dir/" + "é".repeat(128) + ".bin";
        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThan(1024);
        assertKind(Kind.INVALID_REQUEST, () -> store.put(key, new ByteArrayInputStream(new byte[] {1}), 1, null));
    }

    @Test
    void selfTestLeavesNoFileBehind() throws IOException {
        var report = store.selfTest();
        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.steps()).extracting(s -> s.name()).containsExactly("resolve", "write", "read", "delete", "presign");
        assertThat(regularFiles(root)).isEmpty();
        assertThat(root.resolve("data/org-1/" + FsSelfTest.PROBE_PREFIX)).doesNotExist();
    }

    private static void assertKind(Kind kind, Executable call) {
        ProviderException e = catchThrowableOfType(() -> call.execute(), ProviderException.class);
        assertThat(e).isNotNull();
        assertThat(e.kind()).as(e.toString()).isEqualTo(kind);
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }
}
