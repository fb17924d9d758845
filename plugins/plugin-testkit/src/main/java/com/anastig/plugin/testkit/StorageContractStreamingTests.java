package com.anastig.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.plugin.api.ByteRange;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Large objects stream with bounded memory (put and get, known and unknown length), and concurrent
 * puts leave a consistent state. Part of {@link StorageContract}.
 */
public abstract class StorageContractStreamingTests extends StorageContractKeyRuleTests {
    private static final int THREADS = 16;

    @Test
    void largeObjectWithKnownLengthStreamsWithBoundedHeap() throws IOException {
        roundTripLargeObject("large/known.bin", largeObjectSize(), 11);
    }

    @Test
    void largeObjectWithUnknownLengthStreamsWithBoundedHeap() throws IOException {
        roundTripLargeObject("large/unknown.bin", -1, 12);
    }

    private void roundTripLargeObject(String key, long declaredLength, long seed) throws IOException {
        long size = largeObjectSize();
        GeneratedInputStream source = new GeneratedInputStream(size, seed);
        DigestInputStream digesting = new DigestInputStream(source, sha256());
        ObjectInfo info;
        try (HeapSampler heap = HeapSampler.start(100)) {
            info = store().put(key, digesting, declaredLength, "application/octet-stream");
            heap.close();
            assertThat(heap.peakGrowth()).as("live heap growth during a %d-byte put (%d samples)", size, heap.sampleCount())
                .isLessThan(maxHeapGrowth());
        }
        assertThat(source.position()).as("bytes the provider read").isEqualTo(size);
        String sent = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        assertThat(info.size()).isEqualTo(size);
        assertThat(store().head(key).orElseThrow().size()).isEqualTo(size);

        MessageDigest received = sha256();
        long count = 0;
        try (HeapSampler heap = HeapSampler.start(100)) {
            try (ObjectContent content = store().get(key, null); InputStream in = content.stream()) {
                assertThat(content.contentLength()).isEqualTo(size);
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.update(buffer, 0, n);
                    count += n;
                }
            }
            heap.close();
            assertThat(heap.peakGrowth()).as("live heap growth during a %d-byte get (%d samples)", size, heap.sampleCount())
                .isLessThan(maxHeapGrowth());
        }
        assertThat(count).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(received.digest())).as("SHA-256 of what came back").isEqualTo(sent);

        long tailStart = size - 1000;
        try (ObjectContent tail = store().get(key, ByteRange.from(tailStart)); InputStream in = tail.stream()) {
            byte[] expected = new byte[1000];
            GeneratedInputStream again = new GeneratedInputStream(size, seed);
            again.skipNBytes(tailStart);
            again.readNBytes(expected, 0, 1000);
            assertThat(in.readAllBytes()).as("last 1000 bytes of the large object").isEqualTo(expected);
        }
        store().delete(key);
        assertThat(store().head(key)).isEmpty();
    }

    @Test
    void concurrentPutsToDistinctKeysAllLand() throws Exception {
        List<String> keys = new ArrayList<>();
        runConcurrently(thread -> {
            for (int i = 0; i < 4; i++) {
                String key = String.format("concurrent/t%02d/obj-%d", thread, i);
                byte[] bytes = GeneratedInputStream.bytes(20_000 + thread * 100 + i, thread * 10L + i);
                put(key, bytes, "application/octet-stream");
            }
        });
        for (int thread = 0; thread < THREADS; thread++) {
            for (int i = 0; i < 4; i++) {
                String key = String.format("concurrent/t%02d/obj-%d", thread, i);
                keys.add(key);
                assertThat(store().readAllBytes(key)).as(key)
                    .isEqualTo(GeneratedInputStream.bytes(20_000 + thread * 100 + i, thread * 10L + i));
            }
        }
        assertThat(listAllKeys("concurrent/", 10)).isEqualTo(utf8Sorted(keys));
    }

    @Test
    void concurrentPutsToOneKeyLeaveOneWholeVersion() throws Exception {
        String key = "concurrent/same";
        List<String> candidates = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            candidates.add(sha256Hex(version(thread)));
        }
        runConcurrently(thread -> {
            for (int round = 0; round < 3; round++) {
                put(key, version(thread), "application/x-version-" + thread);
            }
        });
        ObjectInfo head = store().head(key).orElseThrow();
        byte[] stored;
        ObjectInfo got;
        try (ObjectContent content = store().get(key, null)) {
            got = content.info();
            stored = content.stream().readAllBytes();
        }
        int winner = candidates.indexOf(sha256Hex(stored));
        assertThat(winner).as("the stored bytes are exactly one writer's version").isNotNegative();
        assertThat(head.size()).isEqualTo(stored.length);
        assertThat(got.size()).isEqualTo(stored.length);
        assertThat(head.contentType()).as("content type belongs to the stored version").isEqualTo("application/x-version-" + winner);
        assertThat(got.contentType()).as("content type belongs to the stored version").isEqualTo("application/x-version-" + winner);
        if (head.etag() != null) {
            assertThat(got.etag()).isEqualTo(head.etag());
        }
        assertThat(listAllKeys("", 10)).containsExactly(key);
    }

    private static byte[] version(int thread) {
        return GeneratedInputStream.bytes(100_000 + thread * 1000, 1000 + thread);
    }

    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    private static void runConcurrently(ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
