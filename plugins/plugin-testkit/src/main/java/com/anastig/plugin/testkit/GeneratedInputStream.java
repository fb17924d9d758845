package com.anastig.plugin.testkit;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream of {@code size} deterministic pseudo-random bytes that never holds them in memory:
 * byte {@code i} depends only on the seed and {@code i}, so two streams with the same seed and size
 * are equal. It can be made to fail with an {@link IOException} once a given number of bytes was read,
 * to test that a failed upload leaves nothing behind.
 */
public final class GeneratedInputStream extends InputStream {
    private final long size;
    private final long seed;
    private final long failAt;
    private long position;
    private boolean closed;

    public GeneratedInputStream(long size, long seed) {
        this(size, seed, -1);
    }

    private GeneratedInputStream(long size, long seed, long failAt) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        this.size = size;
        this.seed = seed;
        this.failAt = failAt;
    }

    /** A stream of {@code size} bytes that throws an {@link IOException} after {@code failAt} bytes. */
    public static GeneratedInputStream failingAfter(long size, long seed, long failAt) {
        return new GeneratedInputStream(size, seed, failAt);
    }

    /** The same bytes as a stream with this size and seed, as an array (for small objects only). */
    public static byte[] bytes(int size, long seed) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = byteAt(seed, i);
        }
        return out;
    }

    /** How many bytes were read so far. */
    public long position() {
        return position;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (failAt >= 0 && position >= failAt) {
            throw new IOException("generated failure after " + position + " bytes");
        }
        if (position >= size) {
            return -1;
        }
        long limit = failAt >= 0 ? Math.min(size, failAt) : size;
        int n = (int) Math.min(len, Math.max(1, limit - position));
        long word = 0;
        for (int i = 0; i < n; i++) {
            long p = position + i;
            if (i == 0 || (p & 7) == 0) {
                word = mix(seed, p >>> 3);
            }
            b[off + i] = (byte) (word >>> ((p & 7) * 8));
        }
        position += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    @Override
    public void close() {
        closed = true;
    }

    private static byte byteAt(long seed, long index) {
        return (byte) (mix(seed, index >>> 3) >>> ((index & 7) * 8));
    }

    private static long mix(long seed, long block) {
        // splitmix64 of the block number, salted with the seed
        long z = seed * 0x9E3779B97F4A7C15L + block * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
