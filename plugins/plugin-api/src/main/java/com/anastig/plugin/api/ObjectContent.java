package com.anastig.plugin.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An open object: its metadata, the stream of the requested bytes, and which bytes they are.
 *
 * @param info   the whole object's metadata ({@code info.size()} is the full size)
 * @param stream the bytes; close it (or this) when done
 * @param range  the bytes the stream holds, resolved against the size; null when it holds them all
 */
public record ObjectContent(ObjectInfo info, InputStream stream, ByteRange range) implements Closeable {
    public ObjectContent {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(stream, "stream");
    }

    /** How many bytes the stream holds. */
    public long contentLength() {
        return range == null ? info.size() : range.length(info.size());
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
