package com.anastig.platform.image;

/**
 * WebP: "RIFF", a size that must equal the file size minus 8, "WEBP", then chunks (FourCC, size,
 * payload, pad byte to an even size) that must fit exactly in the RIFF size. The first chunk is VP8
 * (lossy), VP8L (lossless) or VP8X (extended, whose canvas gives the size); only chunk headers and
 * the first bytes of image chunks are read, never the compressed data.
 */
final class WebpParser extends StructureParser {

    private static final int VP8 = fourCc("VP8 ");
    private static final int VP8L = fourCc("VP8L");
    private static final int VP8X = fourCc("VP8X");
    private static final int ANMF = fourCc("ANMF");
    private static final int HEAD = 10;           // bytes of an image chunk's payload we look at

    private enum State { RIFF, CHUNK_HEADER, PAYLOAD, PAD, DONE }

    private State state = State.RIFF;
    private final byte[] head = new byte[12];     // RIFF header, chunk headers, payload starts
    private int pos;
    private long offset;                          // bytes of the file consumed so far
    private long riffEnd;
    private int chunkType;
    private long remaining;                       // payload bytes left in the current chunk
    private long payloadSize;
    private int chunks;
    private boolean extended;
    private boolean animated;
    private boolean imageSeen;

    WebpParser(DimensionsListener listener) {
        super(listener);
    }

    private static int fourCc(String s) {
        return (s.charAt(0) << 24) | (s.charAt(1) << 16) | (s.charAt(2) << 8) | s.charAt(3);
    }

    private int intBe(int at) {
        return ((head[at] & 0xFF) << 24) | ((head[at + 1] & 0xFF) << 16) | ((head[at + 2] & 0xFF) << 8) | (head[at + 3] & 0xFF);
    }

    private long uintLe(int at, int bytes) {
        long v = 0;
        for (int k = bytes - 1; k >= 0; k--) {
            v = (v << 8) | (head[at + k] & 0xFF);
        }
        return v;
    }

    @Override
    void feed(byte[] b, int off, int len) throws ImageRejected {
        int end = off + len;
        int i = off;
        while (i < end) {
            switch (state) {
                case RIFF, CHUNK_HEADER -> {
                    int want = state == State.RIFF ? 12 : 8;
                    int n = Math.min(want - pos, end - i);
                    System.arraycopy(b, i, head, pos, n);
                    i += n;
                    offset += n;
                    pos += n;
                    if (pos == want) {
                        if (state == State.RIFF) {
                            riffHeader();
                        } else {
                            chunkHeader();
                        }
                    }
                }
                case PAYLOAD -> {
                    int n = (int) Math.min(remaining, end - i);
                    if (pos < HEAD) {
                        int keep = Math.min(n, HEAD - pos);
                        System.arraycopy(b, i, head, pos, keep);
                        pos += keep;
                    }
                    i += n;
                    offset += n;
                    remaining -= n;
                    if (remaining == 0) {
                        endPayload();
                    }
                }
                case PAD -> {
                    i++;
                    offset++;
                    nextChunk();
                }
                case DONE -> throw ImageRejected.corrupt("data after the end of the WebP image");
            }
        }
    }

    private void riffHeader() throws ImageRejected {
        if (intBe(0) != fourCc("RIFF") || intBe(8) != fourCc("WEBP")) {
            throw ImageRejected.corrupt("bad WebP header");
        }
        long size = uintLe(4, 4);
        if (size < 4 + 8) {
            throw ImageRejected.corrupt("bad WebP RIFF size");
        }
        riffEnd = 8 + size;
        nextChunk();
    }

    private void chunkHeader() throws ImageRejected {
        chunkType = intBe(0);
        payloadSize = uintLe(4, 4);
        if (offset + payloadSize > riffEnd) {
            throw ImageRejected.corrupt("WebP chunk larger than the file");
        }
        boolean first = chunks++ == 0;
        boolean image = chunkType == VP8 || chunkType == VP8L;
        if (first && !image && chunkType != VP8X) {
            throw ImageRejected.corrupt("WebP does not start with an image chunk");
        }
        if (!first && chunkType == VP8X) {
            throw ImageRejected.corrupt("misplaced WebP VP8X chunk");
        }
        if ((image || chunkType == VP8X) && payloadSize < (chunkType == VP8L ? 5 : 10)) {
            throw ImageRejected.corrupt("WebP image chunk too short");
        }
        if (image && imageSeen) {
            throw ImageRejected.corrupt("second WebP image chunk");
        }
        imageSeen |= image || chunkType == ANMF;
        remaining = payloadSize;
        pos = 0;
        if (remaining == 0) {
            endPayload();
        } else {
            state = State.PAYLOAD;
        }
    }

    private void endPayload() throws ImageRejected {
        if (chunkType == VP8X) {
            extended = true;
            animated = (head[0] & 0x02) != 0;
            dimensions(uintLe(4, 3) + 1, uintLe(7, 3) + 1, 1 << 24);
        } else if (chunkType == VP8) {
            if ((head[0] & 0x01) != 0 || (head[3] & 0xFF) != 0x9D || (head[4] & 0xFF) != 0x01 || (head[5] & 0xFF) != 0x2A) {
                throw ImageRejected.corrupt("bad WebP VP8 header");
            }
            image(uintLe(6, 2) & 0x3FFF, uintLe(8, 2) & 0x3FFF, 0x3FFF);
        } else if (chunkType == VP8L) {
            long bits = uintLe(1, 4);
            if ((head[0] & 0xFF) != 0x2F || (bits >>> 29) != 0) {
                throw ImageRejected.corrupt("bad WebP VP8L header");
            }
            image((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1, 0x4000);
        }
        if ((payloadSize & 1) == 1 && offset < riffEnd) {
            state = State.PAD;
        } else {
            nextChunk();
        }
    }

    private void image(long w, long h, long maxEdge) throws ImageRejected {
        if (!extended) {
            dimensions(w, h, maxEdge);
        } else if (!animated && (w != width() || h != height())) {
            throw ImageRejected.corrupt("WebP image size differs from its canvas");
        }
    }

    private void nextChunk() throws ImageRejected {
        pos = 0;
        if (offset == riffEnd) {
            state = State.DONE;
        } else if (riffEnd - offset < 8) {
            throw ImageRejected.corrupt("WebP chunk larger than the file");
        } else {
            state = State.CHUNK_HEADER;
        }
    }

    @Override
    void finish() throws ImageRejected {
        if (state != State.DONE) {
            throw ImageRejected.truncated();
        }
        if (!imageSeen) {
            throw ImageRejected.corrupt("WebP without image data");
        }
    }
}
