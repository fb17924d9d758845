package com.anastig.plugins.storage.s3common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The caller's data stream, counting bytes and marking its own failures as
 * {@link SourceFailure} so they are told apart from network failures. Never closes the
 * caller's stream (the caller owns it).
 */
public final class SourceStream extends FilterInputStream {
    private long count;

    public SourceStream(InputStream in) {
        super(in);
    }

    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        } catch (IOException e) {
            throw new SourceFailure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        } catch (IOException e) {
            throw new SourceFailure(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported on upload data");
    }

    private long markedCount;

    @Override
    public boolean markSupported() {
        return in.markSupported();
    }

    @Override
    public synchronized void mark(int readLimit) {
        in.mark(readLimit);
        markedCount = count;
    }

    @Override
    public synchronized void reset() throws IOException {
        in.reset();
        count = markedCount;
    }

    @Override
    public void close() {
        // the caller closes its own stream
    }

    /** Reads until {@code buffer} holds {@code length} bytes or the stream ends; returns how many it read. */
    public int readFully(byte[] buffer, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = read(buffer, offset + total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
