package com.anastig.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anastig.plugin.api.ListPage;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.Timeouts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The base of {@link StorageContract}: the store under test, the hooks a provider may override and
 * small helpers. Providers extend {@link StorageContract}, not this class.
 */
@Timeout(180)
public abstract class StorageContractSupport {
    /** Keys that reach outside a store (or are malformed); every operation must refuse them. */
    protected static final List<String> ESCAPING_KEYS = List.of(
        "..", "../x", "a/../../b", "a/..", "./a", "a/./b", ".", "/etc/x", "/", "a\u0000b", "a\\b", "..\\x",
        "a//b", "a/", "//x", "", "a\nb");
    /** Listing prefixes that are malformed or reach outside a store. */
    protected static final List<String> ESCAPING_PREFIXES = List.of(
        "..", "../", "a/../../", "/etc", "/", "a\u0000", "a\\b", "a//", "./", "a/./");

    private final MutableClock clock = new MutableClock();
    private Path workDirectory;
    private ObjectStore store;

    /**
     * A new store over an empty location (a fresh folder, bucket or prefix) for each call; the
     * contract calls it once before every test and closes the store after it. Use
     * {@link #providerContext()} to create it.
     */
    protected abstract ObjectStore createStore();

    /** Whether the provider supports presigned URLs; if false, presigning must throw UNSUPPORTED. */
    protected boolean supportsPresignedUrls() {
        return true;
    }

    /** Whether a presigned GET answers with the Content-Type and Content-Disposition of its hints. */
    protected boolean presignedGetHonoursDownloadHints() {
        return true;
    }

    /**
     * Whether one key may be an object while also being the folder of other keys ({@code a/b} and
     * {@code a/b/c}). If false, the second put must fail with CONFLICT and change nothing.
     */
    protected boolean supportsObjectAndFolderWithSameName() {
        return true;
    }

    /**
     * How the provider fails a write when {@link #supportsObjectAndFolderWithSameName()} is false.
     * CONFLICT for a provider that knows; a provider in front of a server that answers such writes
     * with a server error (S3Proxy's file-tree backends) reports UNAVAILABLE. Either way nothing changes.
     */
    protected com.anastig.plugin.api.ProviderException.Kind objectAndFolderRefusal() {
        return com.anastig.plugin.api.ProviderException.Kind.CONFLICT;
    }

    /**
     * The order the backend lists keys in: UTF-8 byte order (AWS S3, the fs provider). A provider
     * passes its backend's order through unchanged, page after page; a backend that sorts by UTF-16
     * code units (S3Proxy) differs only for characters above U+FFFF against U+E000..U+FFFF.
     */
    protected java.util.Comparator<String> backendListingOrder() {
        return StorageContractSupport::compareUtf8;
    }

    /** Keys with spaces, Unicode, symbols and deep prefixes that must round-trip unchanged. */
    protected List<String> unusualKeys() {
        return List.of(
            "with space/file name.jpg",
            "ünïcödé/日本語/画像.png",
            "emoji/😀 party.bin",
            "symbols/a+b=c&d,e;f@g$h!(1)'~.txt",
            "deep/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/leaf.bin",
            "-leading-dash/.hidden/..dots../x");
    }

    /** The size of the object of the large-object tests (64 MiB). */
    protected long largeObjectSize() {
        return 64L * 1024 * 1024;
    }

    /** How much the live heap may grow during one large transfer (48 MiB). */
    protected long maxHeapGrowth() {
        return 48L * 1024 * 1024;
    }

    /** The self-test steps that must be present (all must pass). */
    protected Set<String> requiredSelfTestSteps() {
        return supportsPresignedUrls() ? Set.of("write", "read", "delete", "presign") : Set.of("write", "read", "delete");
    }

    /** The context to create stores with: no outbound restrictions, {@link #clock()}, a private work folder. */
    protected ProviderContext providerContext() {
        return new ProviderContext(OutboundPolicy.unrestricted(Timeouts.DEFAULTS), clock, workDirectory);
    }

    /** The clock in {@link #providerContext()}; tests move it to make presigned URLs expire. */
    protected MutableClock clock() {
        return clock;
    }

    /** The store of the running test. */
    protected ObjectStore store() {
        return store;
    }

    @BeforeEach
    void openStore() throws IOException {
        workDirectory = Files.createTempDirectory("storage-contract-work");
        store = createStore();
        assertThat(store).as("createStore()").isNotNull();
    }

    @AfterEach
    void closeStore() throws IOException {
        clock.reset();
        if (store != null) {
            store.close();
        }
        deleteRecursively(workDirectory);
    }

    // ---- helpers for the tests ----

    protected ObjectInfo put(String key, byte[] bytes, String contentType) {
        return store.put(key, new ByteArrayInputStream(bytes), bytes.length, contentType);
    }

    protected byte[] read(ObjectContent content) {
        try (content; InputStream in = content.stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key in the store, following the cursor with pages of {@code pageSize}. */
    protected List<String> listAllKeys(String prefix, int pageSize) {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 10_000; pages++) {
            ListPage page = store.list(prefix, cursor, pageSize);
            assertThat(page.items().size()).as("page size").isLessThanOrEqualTo(pageSize);
            page.items().forEach(info -> keys.add(info.key()));
            if (!page.hasMore()) {
                return keys;
            }
            cursor = page.nextCursor();
        }
        throw new AssertionError("listing never ended");
    }

    protected static ProviderException assertProviderException(ProviderException.Kind kind, Executable call) {
        ProviderException e = catchThrowableOfType(() -> call.execute(), ProviderException.class);
        assertThat(e).as("expected ProviderException " + kind).isNotNull();
        assertThat(e.kind()).as("kind of " + e).isEqualTo(kind);
        return e;
    }

    protected static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** The keys sorted the way stores must list them: by UTF-8 bytes (code points). */
    protected static List<String> utf8Sorted(List<String> keys) {
        return keys.stream().sorted(StorageContractSupport::compareUtf8).toList();
    }

    /** Two media types are the same when type, subtype and parameters are (RFC 9110: case and spaces around ';' do not matter). */
    protected static String normalizedMediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        StringBuilder sb = new StringBuilder(parts[0].strip().toLowerCase(java.util.Locale.ROOT));
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            sb.append(';').append(kv[0].strip().toLowerCase(java.util.Locale.ROOT));
            if (kv.length == 2) {
                sb.append('=').append(kv[1].strip().replace("\"", "").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return sb.toString();
    }

    protected static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
