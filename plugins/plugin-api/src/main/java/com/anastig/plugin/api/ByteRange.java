package com.anastig.plugin.api;

/**
 * A range of bytes, both ends inclusive as in HTTP; {@code end} null means "to the end".
 * A suffix range ("the last n bytes") is {@link #lastBytes(long)}.
 *
 * @param start the first byte, or -1 for a suffix range
 * @param end   the last byte (inclusive), the suffix length for a suffix range, or null for the end
 */
public record ByteRange(long start, Long end) {
    public ByteRange {
        if (start < -1) {
            throw new IllegalArgumentException("start must be >= 0");
        }
        if (start == -1 && (end == null || end <= 0)) {
            throw new IllegalArgumentException("a suffix range needs a positive length");
        }
        if (start >= 0 && end != null && end < start) {
            throw new IllegalArgumentException("end must be >= start");
        }
    }

    public static ByteRange from(long start) {
        return new ByteRange(start, null);
    }

    public static ByteRange of(long start, long endInclusive) {
        return new ByteRange(start, endInclusive);
    }

    public static ByteRange lastBytes(long count) {
        return new ByteRange(-1, count);
    }

    public boolean isSuffix() {
        return start == -1;
    }

    /** The first byte for an object of this size. */
    public long firstByte(long size) {
        return isSuffix() ? Math.max(0, size - end) : start;
    }

    /** The last byte (inclusive) for an object of this size. */
    public long lastByte(long size) {
        if (isSuffix() || end == null) {
            return size - 1;
        }
        return Math.min(end, size - 1);
    }

    /** How many bytes this range covers in an object of this size (0 if it starts past the end). */
    public long length(long size) {
        long first = firstByte(size);
        if (first >= size) {
            return 0;
        }
        return lastByte(size) - first + 1;
    }

    /** Whether it can be satisfied for an object of this size (HTTP 416 otherwise). */
    public boolean isSatisfiable(long size) {
        return isSuffix() ? size > 0 : start < size;
    }

    /** The HTTP {@code Range} header value. */
    public String toHttpHeader() {
        if (isSuffix()) {
            return "bytes=-" + end;
        }
        return "bytes=" + start + "-" + (end == null ? "" : end);
    }
}
