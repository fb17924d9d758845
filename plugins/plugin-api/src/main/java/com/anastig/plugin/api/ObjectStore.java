package com.anastig.plugin.api;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * One storage location (a bucket and prefix, or a folder), created by a {@link StorageProviderFactory}
 * for one set of settings. Keys are validated with {@link ObjectKeys#requireValidKey} before any
 * backend call: a key can never escape the instance's prefix. Every method throws
 * {@link ProviderException} only.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Stores an object, streaming: memory use is bounded whatever the size; objects above the
     * provider's threshold go up in parts. A failed put leaves no partial object visible.
     *
     * @param length the exact length, or {@code -1} when unknown
     */
    ObjectInfo put(String key, InputStream data, long length, String contentType);

    /**
     * Opens an object for reading; the caller closes the result.
     *
     * @param range the bytes wanted, or null for all
     * @throws ProviderException {@code NOT_FOUND} when there is no such object
     */
    ObjectContent get(String key, ByteRange range);

    /** The object's metadata, or empty when there is no such object. */
    Optional<ObjectInfo> head(String key);

    /** Deletes an object; deleting a missing object is not an error. */
    void delete(String key);

    /**
     * One page of the objects whose keys start with {@code prefix}, in ascending key order (by
     * UTF-8 bytes).
     *
     * @param prefix  a key prefix, possibly empty
     * @param cursor  the {@link ListPage#nextCursor()} of the previous page, or null for the first
     * @param maxKeys at most this many items (1 to 1000)
     */
    ListPage list(String prefix, String cursor, int maxKeys);

    /** Copies an object within this store, replacing any object at {@code targetKey}. */
    ObjectInfo copy(String sourceKey, String targetKey);

    /** Whether {@link #presignGet} and {@link #presignPut} work here. */
    boolean supportsPresignedUrls();

    /**
     * A URL anyone can GET the object from until it expires.
     *
     * @throws ProviderException {@code UNSUPPORTED} when {@link #supportsPresignedUrls()} is false
     */
    PresignedRequest presignGet(String key, Duration expiry, DownloadHints hints);

    /**
     * A URL to PUT the object to until it expires; the client must send the returned headers.
     *
     * @param contentLength the exact length the upload must have, or {@code -1} when not fixed
     * @throws ProviderException {@code UNSUPPORTED} when {@link #supportsPresignedUrls()} is false
     */
    PresignedRequest presignPut(String key, Duration expiry, String contentType, long contentLength);

    /**
     * Checks the location step by step ({@link SelfTestStep} names: resolve, connect, auth, write,
     * read, delete, presign) with a small probe object it removes again. Never throws: a failing step
     * ends the report.
     */
    SelfTestReport selfTest();

    /** Releases connections and threads. */
    @Override
    void close();

    /** Reads everything from {@link #get}; for small objects and tests. */
    default byte[] readAllBytes(String key) {
        try (ObjectContent content = get(key, null); InputStream in = content.stream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "reading failed", e);
        }
    }
}
