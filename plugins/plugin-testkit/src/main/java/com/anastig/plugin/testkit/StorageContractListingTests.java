package com.anastig.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.plugin.api.ListPage;
import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.ProviderException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Listing: prefixes are plain string prefixes of keys (so {@code a/b} matches {@code a/bc} while
 * {@code a/b/} does not), items come in UTF-8 byte order, pages hold at most {@code maxKeys} items
 * (1 to 1000, anything else is INVALID_REQUEST), the cursor is opaque and a null prefix means the
 * empty prefix. Part of {@link StorageContract}.
 */
public abstract class StorageContractListingTests extends StorageContractObjectTests {

    @Test
    void listsManyPagesWithTheCursor() {
        List<String> keys = IntStream.range(0, 25).mapToObj(i -> String.format("page/item-%02d.bin", i)).toList();
        for (String key : keys) {
            put(key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain");
        }
        ListPage first = store().list("page/", null, 10);
        assertThat(first.items()).hasSize(10);
        assertThat(first.hasMore()).isTrue();
        ListPage second = store().list("page/", first.nextCursor(), 10);
        assertThat(second.items()).hasSize(10);
        assertThat(second.hasMore()).isTrue();
        ListPage third = store().list("page/", second.nextCursor(), 10);
        assertThat(third.items()).hasSize(5);
        assertThat(third.hasMore()).isFalse();

        List<String> seen = new ArrayList<>();
        for (ListPage page : List.of(first, second, third)) {
            page.items().forEach(info -> seen.add(info.key()));
        }
        assertThat(seen).isEqualTo(keys);
        assertThat(listAllKeys("page/", 1)).isEqualTo(keys);
        assertThat(listAllKeys("page/", 1000)).isEqualTo(keys);
        assertThat(listAllKeys("", 7)).isEqualTo(keys);
    }

    @Test
    void listedItemsCarryMetadata() {
        put("meta/a.png", new byte[] {1, 2, 3}, "image/png");
        put("meta/b", new byte[0], "text/plain");
        List<ObjectInfo> items = store().list("meta/", null, 10).items();
        assertThat(items).extracting(ObjectInfo::key).containsExactly("meta/a.png", "meta/b");
        assertThat(items).extracting(ObjectInfo::size).containsExactly(3L, 0L);
        assertThat(items).allSatisfy(info -> assertThat(info.lastModified()).isNotNull());
        ObjectInfo head = store().head("meta/a.png").orElseThrow();
        if (items.get(0).etag() != null && head.etag() != null) {
            assertThat(items.get(0).etag()).isEqualTo(head.etag());
        }
    }

    @Test
    void listsInTheBackendsOrderAcrossPages() {
        // UTF-16 order differs: U+1F600 sorts before U+FF5E by String.compareTo but after it in UTF-8;
        // '-' < '/' < '0', so a folder's keys sort between its siblings "a-b" and "a0".
        List<String> keys = List.of("order/😀", "order/～", "order/a", "order/Z", "order/é", "order/a-b",
            "order/a0", "order/ab/c", "order/ab-", "order/ab/d/e", "order/A", "order/ab0");
        for (String key : keys) {
            put(key, new byte[] {1}, null);
        }
        List<String> expected = keys.stream().sorted(backendListingOrder()).toList();
        assertThat(utf8Sorted(keys).indexOf("order/～")).isLessThan(utf8Sorted(keys).indexOf("order/😀"));
        assertThat(listAllKeys("order/", 1000)).isEqualTo(expected);
        assertThat(listAllKeys("order/", 2)).isEqualTo(expected);
        assertThat(listAllKeys("order/a", 3)).isEqualTo(expected.stream().filter(k -> k.startsWith("order/a")).toList());
    }

    @Test
    void prefixesArePlainStringPrefixes() {
        List<String> keys = List.of("a/b/1", "a/b/2", "a/bc/1", "a/bcd", "a/c/1", "ab/1", "b/1");
        for (String key : keys) {
            put(key, new byte[] {1}, null);
        }
        assertThat(listAllKeys("a/b/", 10)).containsExactly("a/b/1", "a/b/2");
        assertThat(listAllKeys("a/b", 10)).containsExactly("a/b/1", "a/b/2", "a/bc/1", "a/bcd");
        assertThat(listAllKeys("a/bc", 10)).containsExactly("a/bc/1", "a/bcd");
        assertThat(listAllKeys("a/", 10)).containsExactly("a/b/1", "a/b/2", "a/bc/1", "a/bcd", "a/c/1");
        assertThat(listAllKeys("a", 10)).containsExactly("a/b/1", "a/b/2", "a/bc/1", "a/bcd", "a/c/1", "ab/1");
        assertThat(listAllKeys("a/b/1", 10)).containsExactly("a/b/1");
        assertThat(listAllKeys("nothing/", 10)).isEmpty();
        assertThat(listAllKeys("a/z", 10)).isEmpty();
        assertThat(listAllKeys("", 10)).isEqualTo(utf8Sorted(keys));
    }

    @Test
    void emptyStoreListsNothing() {
        ListPage page = store().list("", null, 10);
        assertThat(page.items()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        assertThat(store().list(null, null, 10).items()).isEmpty();
    }

    @Test
    void maxKeysOutsideOneToAThousandIsRefused() {
        put("k", new byte[] {1}, null);
        assertProviderException(Kind.INVALID_REQUEST, () -> store().list("", null, 0));
        assertProviderException(Kind.INVALID_REQUEST, () -> store().list("", null, -5));
        assertProviderException(Kind.INVALID_REQUEST, () -> store().list("", null, 1001));
    }

    @Test
    void listingReflectsDeletes() {
        for (int i = 0; i < 5; i++) {
            put("gone/" + i, new byte[] {(byte) i}, null);
        }
        store().delete("gone/1");
        store().delete("gone/3");
        assertThat(listAllKeys("gone/", 2)).containsExactly("gone/0", "gone/2", "gone/4");
    }
}
