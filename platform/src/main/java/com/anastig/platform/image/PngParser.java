package com.anastig.platform.image;

import java.util.zip.CRC32;

/**
 * PNG: the signature, then chunks (length, type, data, CRC) with every CRC checked, IHDR first,
 * at least one IDAT, IEND last and nothing after it.
 */
final class PngParser extends StructureParser {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int IHDR = 0x49484452;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    /** The PNG limit on widths, heights and chunk lengths. */
    private static final long MAX_31 = 0x7FFF_FFFFL;

    private enum State { SIGNATURE, LENGTH, TYPE, DATA, CRC, DONE }

    private final CRC32 crc = new CRC32();
    private State state = State.SIGNATURE;
    private int pos;            // bytes of the current field read so far
    private long field;         // the current numeric field (length, type, CRC) as it builds up
    private long chunkLength;
    private int chunkType;
    private long remaining;     // data bytes left in the current chunk
    private long ihdrWidth;     // IHDR's width and height as they build up
    private long ihdrHeight;
    private int chunks;
    private boolean idatSeen;

    PngParser(DimensionsListener listener) {
        super(listener);
    }

    @Override
    void feed(byte[] b, int off, int len) throws ImageRejected {
        int end = off + len;
        int i = off;
        while (i < end) {
            switch (state) {
                case SIGNATURE -> {
                    if (b[i++] != SIGNATURE[pos++]) {
                        throw ImageRejected.corrupt("bad PNG signature");
                    }
                    if (pos == SIGNATURE.length) {
                        next(State.LENGTH);
                    }
                }
                case LENGTH -> {
                    field = (field << 8) | (b[i++] & 0xFF);
                    if (++pos == 4) {
                        startChunk(field);
                    }
                }
                case TYPE -> {
                    int c = b[i++] & 0xFF;
                    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                        throw ImageRejected.corrupt("bad PNG chunk type");
                    }
                    crc.update(c);
                    field = (field << 8) | c;
                    if (++pos == 4) {
                        chunkType = (int) field;
                        checkOrder();
                        remaining = chunkLength;
                        next(remaining == 0 ? State.CRC : State.DATA);
                    }
                }
                case DATA -> {
                    int n;
                    if (chunkType == IHDR) {
                        n = 1;
                        ihdrByte(b[i]);
                    } else {
                        n = (int) Math.min(remaining, end - i);
                    }
                    crc.update(b, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        next(State.CRC);
                    }
                }
                case CRC -> {
                    field = (field << 8) | (b[i++] & 0xFF);
                    if (++pos == 4) {
                        endChunk(field);
                    }
                }
                case DONE -> throw ImageRejected.corrupt("data after the end of the PNG image");
            }
        }
    }

    private void next(State s) {
        state = s;
        pos = 0;
        field = 0;
    }

    private void startChunk(long length) throws ImageRejected {
        if (length > MAX_31) {
            throw ImageRejected.corrupt("impossible PNG chunk length");
        }
        chunkLength = length;
        crc.reset();
        next(State.TYPE);
    }

    private void checkOrder() throws ImageRejected {
        boolean first = chunks++ == 0;
        if (first != (chunkType == IHDR)) {
            throw ImageRejected.corrupt(first ? "PNG does not start with IHDR" : "second PNG IHDR");
        }
        if (chunkType == IHDR && chunkLength != 13) {
            throw ImageRejected.corrupt("bad PNG IHDR length");
        }
        if (chunkType == IEND && chunkLength != 0) {
            throw ImageRejected.corrupt("bad PNG IEND length");
        }
        if (chunkType == IDAT) {
            idatSeen = true;
        }
    }

    private void ihdrByte(byte value) throws ImageRejected {
        int index = (int) (13 - remaining);
        if (index < 4) {
            ihdrWidth = (ihdrWidth << 8) | (value & 0xFF);
        } else if (index < 8) {
            ihdrHeight = (ihdrHeight << 8) | (value & 0xFF);
            if (index == 7) {
                dimensions(ihdrWidth, ihdrHeight, MAX_31);
            }
        }
    }

    private void endChunk(long expectedCrc) throws ImageRejected {
        if (crc.getValue() != expectedCrc) {
            throw ImageRejected.corrupt("PNG chunk checksum mismatch");
        }
        if (chunkType == IEND) {
            if (!idatSeen) {
                throw ImageRejected.corrupt("PNG without image data");
            }
            next(State.DONE);
        } else {
            next(State.LENGTH);
        }
    }

    @Override
    void finish() throws ImageRejected {
        if (state != State.DONE) {
            throw ImageRejected.truncated();
        }
    }
}
