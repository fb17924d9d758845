package com.anastig.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.plugin.api.ByteRange;
import com.anastig.plugin.api.DownloadHints;
import com.anastig.plugin.api.ProviderException.Kind;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Keys that are malformed or try to leave the store ({@code ..}, absolute, NUL, backslash, empty
 * segments) are refused with INVALID_REQUEST by every operation, before anything is read or written,
 * including presigning on a store without presigned URLs. Part of {@link StorageContract}.
 */
public abstract class StorageContractKeyRuleTests extends StorageContractListingTests {

    @Test
    void escapingKeysAreRefusedByEveryOperationAndNothingIsWritten() {
        put("seed.txt", new byte[] {1}, "text/plain");
        for (String key : ESCAPING_KEYS) {
            String what = "key " + printable(key);
            assertRefused(what + " put known length", () -> store().put(key, new ByteArrayInputStream(new byte[] {6}), 1, null));
            assertRefused(what + " put unknown length", () -> store().put(key, new ByteArrayInputStream(new byte[] {6}), -1, null));
            assertRefused(what + " get", () -> store().get(key, null));
            assertRefused(what + " ranged get", () -> store().get(key, ByteRange.from(0)));
            assertRefused(what + " head", () -> store().head(key));
            assertRefused(what + " delete", () -> store().delete(key));
            assertRefused(what + " copy from", () -> store().copy(key, "copied"));
            assertRefused(what + " copy to", () -> store().copy("seed.txt", key));
            assertRefused(what + " presign get", () -> store().presignGet(key, Duration.ofMinutes(1), DownloadHints.NONE));
            assertRefused(what + " presign put", () -> store().presignPut(key, Duration.ofMinutes(1), null, -1));
        }
        for (String prefix : ESCAPING_PREFIXES) {
            assertRefused("prefix " + printable(prefix) + " list", () -> store().list(prefix, null, 10));
        }
        assertThat(listAllKeys("", 100)).containsExactly("seed.txt");
        assertThat(store().readAllBytes("seed.txt")).containsExactly(1);
    }

    @Test
    void overlongKeysAreRefused() {
        String longKey = "x".repeat(1025);
        assertRefused("1025-byte key put", () -> put(longKey, new byte[] {1}, null));
        assertRefused("1025-byte key head", () -> store().head(longKey));
        assertThat(listAllKeys("", 10)).isEmpty();
    }

    @Test
    void dotsInsideSegmentsAreOrdinaryCharacters() {
        put("a/..b/c..", new byte[] {1}, null);
        put("a/.../x", new byte[] {2}, null);
        assertThat(listAllKeys("a/", 10)).containsExactly("a/.../x", "a/..b/c..");
        assertThat(store().readAllBytes("a/..b/c..")).containsExactly(1);
    }

    private void assertRefused(String what, org.junit.jupiter.api.function.Executable call) {
        try {
            assertProviderException(Kind.INVALID_REQUEST, call);
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    private static String printable(String key) {
        StringBuilder out = new StringBuilder("'");
        key.chars().forEach(c -> out.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('\'').toString();
    }
}
