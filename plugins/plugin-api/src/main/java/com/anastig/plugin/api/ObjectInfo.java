package com.anastig.plugin.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Metadata of a stored object.
 *
 * @param key          the key, relative to the store (without the store's own prefix)
 * @param size         bytes
 * @param contentType  the content type stored with it, or null when the backend keeps none
 * @param etag         the backend's entity tag (opaque), or null
 * @param lastModified when it was last written
 */
public record ObjectInfo(String key, long size, String contentType, String etag, Instant lastModified) {
    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
