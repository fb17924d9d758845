package com.anastig.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anastig.plugin.api.ByteRange;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderException.Kind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Put, get (whole and ranges), head, delete, copy and overwrite of single objects. Part of
 * {@link StorageContract}.
 *
 * <p>Ranges follow HTTP: both ends inclusive, an end past the object is clipped, a suffix longer than
 * the object returns all of it, and a range that starts at or past the end (any range of an empty
 * object) is refused with {@code INVALID_REQUEST}.
 */
public abstract class StorageContractObjectTests extends StorageContractSupport {

    @Test
    void putWithKnownLengthThenGetHeadAndInfoAgree() {
        byte[] bytes = GeneratedInputStream.bytes(10_000, 1);
        ObjectInfo put = put("photos/cat.jpg", bytes, "image/jpeg");
        assertThat(put.key()).isEqualTo("photos/cat.jpg");
        assertThat(put.size()).isEqualTo(bytes.length);
        assertThat(put.lastModified()).isNotNull();

        ObjectInfo head = store().head("photos/cat.jpg").orElseThrow();
        assertThat(head.key()).isEqualTo("photos/cat.jpg");
        assertThat(head.size()).isEqualTo(bytes.length);
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(head.lastModified()).isNotNull();
        if (put.etag() != null) {
            assertThat(head.etag()).isEqualTo(put.etag());
        }

        ObjectContent content = store().get("photos/cat.jpg", null);
        assertThat(content.info().size()).isEqualTo(bytes.length);
        assertThat(content.info().contentType()).isEqualTo("image/jpeg");
        assertThat(content.range()).isNull();
        assertThat(content.contentLength()).isEqualTo(bytes.length);
        assertThat(read(content)).isEqualTo(bytes);
        assertThat(store().readAllBytes("photos/cat.jpg")).isEqualTo(bytes);
    }

    @Test
    void putWithUnknownLengthStoresEveryByte() {
        byte[] bytes = GeneratedInputStream.bytes(200_000, 2);
        ObjectInfo info = store().put("unknown/length.bin", new GeneratedInputStream(bytes.length, 2), -1, "application/octet-stream");
        assertThat(info.size()).isEqualTo(bytes.length);
        assertThat(store().head("unknown/length.bin").orElseThrow().size()).isEqualTo(bytes.length);
        assertThat(store().readAllBytes("unknown/length.bin")).isEqualTo(bytes);
    }

    @Test
    void emptyObjectsRoundTrip() {
        ObjectInfo known = put("empty/known", new byte[0], "text/plain");
        ObjectInfo unknown = store().put("empty/unknown", new ByteArrayInputStream(new byte[0]), -1, "text/plain");
        assertThat(known.size()).isZero();
        assertThat(unknown.size()).isZero();
        assertThat(store().head("empty/known").orElseThrow().size()).isZero();
        ObjectContent content = store().get("empty/unknown", null);
        assertThat(content.contentLength()).isZero();
        assertThat(read(content)).isEmpty();
        assertThat(listAllKeys("empty/", 10)).containsExactly("empty/known", "empty/unknown");
    }

    @Test
    void contentTypeRoundTripsAndMissingTypeIsNullOrOctetStream() {
        put("types/a.png", new byte[] {1}, "image/png");
        put("types/b.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8");
        put("types/c", new byte[] {2}, null);
        assertThat(store().head("types/a.png").orElseThrow().contentType()).isEqualTo("image/png");
        assertThat(normalizedMediaType(store().head("types/b.json").orElseThrow().contentType()))
            .isEqualTo("application/json;charset=utf-8");
        ObjectContent content = store().get("types/a.png", null);
        assertThat(content.info().contentType()).isEqualTo("image/png");
        read(content);
        assertThat(store().head("types/c").orElseThrow().contentType()).isIn(null, "application/octet-stream");
    }

    @Test
    void rangesFollowHttpSemantics() {
        byte[] bytes = GeneratedInputStream.bytes(1000, 3);
        put("ranges/obj", bytes, "application/octet-stream");

        assertRange(ByteRange.of(0, 0), bytes, 0, 0);
        assertRange(ByteRange.of(10, 19), bytes, 10, 19);
        assertRange(ByteRange.of(990, 5000), bytes, 990, 999);
        assertRange(ByteRange.from(0), bytes, 0, 999);
        assertRange(ByteRange.from(999), bytes, 999, 999);
        assertRange(ByteRange.lastBytes(10), bytes, 990, 999);
        assertRange(ByteRange.lastBytes(5000), bytes, 0, 999);
    }

    private void assertRange(ByteRange range, byte[] whole, int first, int last) {
        ObjectContent content = store().get("ranges/obj", range);
        assertThat(content.info().size()).as("full size for " + range).isEqualTo(whole.length);
        assertThat(content.contentLength()).as("content length for " + range).isEqualTo(last - first + 1);
        if (content.range() != null) {
            assertThat(content.range().firstByte(whole.length)).as("first byte for " + range).isEqualTo(first);
            assertThat(content.range().lastByte(whole.length)).as("last byte for " + range).isEqualTo(last);
        }
        assertThat(read(content)).as("bytes for " + range).isEqualTo(Arrays.copyOfRange(whole, first, last + 1));
    }

    @Test
    void unsatisfiableRangesAreInvalidRequests() {
        put("ranges/small", new byte[] {1, 2, 3}, null);
        put("ranges/empty", new byte[0], null);
        assertProviderException(Kind.INVALID_REQUEST, () -> store().get("ranges/small", ByteRange.from(3)));
        assertProviderException(Kind.INVALID_REQUEST, () -> store().get("ranges/small", ByteRange.of(10, 20)));
        assertProviderException(Kind.INVALID_REQUEST, () -> store().get("ranges/empty", ByteRange.from(0)));
    }

    @Test
    void missingObjects() {
        assertProviderException(Kind.NOT_FOUND, () -> store().get("missing/key", null));
        assertProviderException(Kind.NOT_FOUND, () -> store().get("missing/key", ByteRange.of(0, 1)));
        assertThat(store().head("missing/key")).isEmpty();
        assertProviderException(Kind.NOT_FOUND, () -> store().copy("missing/key", "target/key"));
        assertThat(store().head("target/key")).isEmpty();
        assertThat(listAllKeys("", 100)).isEmpty();
    }

    @Test
    void deleteRemovesAndIsIdempotent() {
        put("del/a", new byte[] {1}, null);
        put("del/b", new byte[] {2}, null);
        store().delete("del/a");
        assertThat(store().head("del/a")).isEmpty();
        assertProviderException(Kind.NOT_FOUND, () -> store().get("del/a", null));
        store().delete("del/a");
        store().delete("never/existed");
        assertThat(listAllKeys("", 100)).containsExactly("del/b");
        store().delete("del/b");
        assertThat(listAllKeys("", 100)).isEmpty();
    }

    @Test
    void overwriteReplacesContentTypeAndSize() {
        put("over/x", GeneratedInputStream.bytes(5000, 4), "image/png");
        ObjectInfo first = store().head("over/x").orElseThrow();
        byte[] second = GeneratedInputStream.bytes(30, 5);
        put("over/x", second, "image/webp");
        ObjectInfo now = store().head("over/x").orElseThrow();
        assertThat(now.size()).isEqualTo(30);
        assertThat(now.contentType()).isEqualTo("image/webp");
        if (first.etag() != null) {
            assertThat(now.etag()).isNotEqualTo(first.etag());
        }
        assertThat(store().readAllBytes("over/x")).isEqualTo(second);
        assertThat(listAllKeys("", 100)).containsExactly("over/x");
    }

    @Test
    void copyDuplicatesBytesAndContentTypeAndReplacesTarget() {
        byte[] bytes = GeneratedInputStream.bytes(70_000, 6);
        put("copy/src", bytes, "image/tiff");
        put("copy/dst", new byte[] {9, 9}, "text/plain");
        ObjectInfo copied = store().copy("copy/src", "copy/dst");
        assertThat(copied.key()).isEqualTo("copy/dst");
        assertThat(copied.size()).isEqualTo(bytes.length);
        assertThat(store().readAllBytes("copy/dst")).isEqualTo(bytes);
        assertThat(store().head("copy/dst").orElseThrow().contentType()).isEqualTo("image/tiff");
        store().copy("copy/src", "copy/new/deeper/key");
        assertThat(store().readAllBytes("copy/new/deeper/key")).isEqualTo(bytes);
        assertThat(store().readAllBytes("copy/src")).as("source unchanged").isEqualTo(bytes);
    }

    @Test
    void unusualKeysRoundTripThroughEveryOperation() {
        for (String key : unusualKeys()) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            assertThat(put(key, bytes, "text/plain").key()).isEqualTo(key);
            assertThat(store().head(key)).as(key).map(ObjectInfo::size).contains((long) bytes.length);
            assertThat(store().readAllBytes(key)).as(key).isEqualTo(bytes);
            store().copy(key, key + ".copy");
            assertThat(store().readAllBytes(key + ".copy")).as(key).isEqualTo(bytes);
        }
        var expected = unusualKeys().stream().flatMap(k -> java.util.stream.Stream.of(k, k + ".copy")).toList();
        assertThat(listAllKeys("", 3)).isEqualTo(utf8Sorted(expected));
        for (String key : expected) {
            store().delete(key);
            assertThat(store().head(key)).as(key).isEmpty();
        }
        assertThat(listAllKeys("", 100)).isEmpty();
    }

    @Test
    void failedPutLeavesNothingVisible() {
        put("fail/existing", new byte[] {7, 7, 7}, "text/plain");
        for (long length : new long[] {300_000, -1}) {
            var failing = GeneratedInputStream.failingAfter(300_000, 7, 150_000);
            ProviderException e = catchThrowableOfType(() -> store().put("fail/new", failing, length, null), ProviderException.class);
            assertThat(e).as("a put whose stream fails must throw ProviderException").isNotNull();
            var overwrite = GeneratedInputStream.failingAfter(300_000, 7, 150_000);
            catchThrowableOfType(() -> store().put("fail/existing", overwrite, length, null), ProviderException.class);
        }
        assertThat(store().head("fail/new")).isEmpty();
        assertThat(store().readAllBytes("fail/existing")).containsExactly(7, 7, 7);
        assertThat(listAllKeys("", 100)).containsExactly("fail/existing");
    }

    @Test
    void objectAndFolderWithTheSameName() {
        put("same/name", new byte[] {1}, null);
        if (supportsObjectAndFolderWithSameName()) {
            put("same/name/child", new byte[] {2}, null);
            assertThat(listAllKeys("same/", 10)).containsExactly("same/name", "same/name/child");
            return;
        }
        Kind refusal = objectAndFolderRefusal();
        assertProviderException(refusal, () -> put("same/name/child", new byte[] {2}, null));
        put("other/dir/child", new byte[] {3}, null);
        assertProviderException(refusal, () -> put("other/dir", new byte[] {4}, null));
        assertProviderException(refusal, () -> store().copy("same/name", "other/dir"));
        assertThat(listAllKeys("", 10)).containsExactly("other/dir/child", "same/name");
        assertThat(store().head("other/dir")).isEmpty();
        assertThat(store().readAllBytes("same/name")).containsExactly(1);
    }
}
