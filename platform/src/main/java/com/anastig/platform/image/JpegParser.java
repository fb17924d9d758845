package com.anastig.platform.image;

/**
 * JPEG: SOI, marker segments with their lengths, a frame header (any SOFn, baseline or
 * progressive) before the first scan, entropy-coded data scanned for markers (FF00 stuffing and
 * RSTn stay in the scan), and EOI. Bytes after EOI are tolerated: many cameras append data there.
 */
final class JpegParser extends StructureParser {

    private static final int MAX_EDGE = 0xFFFF;

    private enum State { SOI_FF, SOI_D8, MARKER_FF, MARKER_CODE, LENGTH, SEGMENT, ENTROPY, ENTROPY_FF, AFTER_EOI }

    private State state = State.SOI_FF;
    private int marker;
    private int pos;
    private int length;
    private int remaining;     // bytes left in the current marker segment
    private long frameHeight;
    private long frameWidthHigh;
    private boolean frameSeen;
    private boolean scanSeen;
    private boolean readingFrame;

    JpegParser(DimensionsListener listener) {
        super(listener);
    }

    @Override
    void feed(byte[] b, int off, int len) throws ImageRejected {
        int end = off + len;
        int i = off;
        while (i < end) {
            switch (state) {
                case SOI_FF, SOI_D8 -> {
                    int expected = state == State.SOI_FF ? 0xFF : 0xD8;
                    if ((b[i++] & 0xFF) != expected) {
                        throw ImageRejected.corrupt("bad JPEG start");
                    }
                    state = state == State.SOI_FF ? State.SOI_D8 : State.MARKER_FF;
                }
                case MARKER_FF -> {
                    if ((b[i++] & 0xFF) != 0xFF) {
                        throw ImageRejected.corrupt("JPEG marker expected");
                    }
                    state = State.MARKER_CODE;
                }
                case MARKER_CODE -> {
                    int c = b[i++] & 0xFF;
                    if (c != 0xFF) {       // 0xFF here is fill before the marker code
                        marker(c);
                    }
                }
                case LENGTH -> {
                    length = (length << 8) | (b[i++] & 0xFF);
                    if (++pos == 2) {
                        startSegment();
                    }
                }
                case SEGMENT -> {
                    int n;
                    if (readingFrame) {
                        n = 1;
                        frameByte(b[i] & 0xFF);
                    } else {
                        n = Math.min(remaining, end - i);
                    }
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        endSegment();
                    }
                }
                case ENTROPY -> {
                    while (i < end && b[i] != (byte) 0xFF) {
                        i++;
                    }
                    if (i < end) {
                        i++;
                        state = State.ENTROPY_FF;
                    }
                }
                case ENTROPY_FF -> {
                    int c = b[i++] & 0xFF;
                    if (c == 0x00 || (c >= 0xD0 && c <= 0xD7)) {
                        state = State.ENTROPY;     // stuffed 0xFF, or a restart marker
                    } else if (c != 0xFF) {
                        marker(c);
                    }
                }
                case AFTER_EOI -> i = end;
            }
        }
    }

    private void marker(int c) throws ImageRejected {
        marker = c;
        if (c == 0xD9) {
            if (!frameSeen || !scanSeen) {
                throw ImageRejected.corrupt("JPEG ends before any image data");
            }
            state = State.AFTER_EOI;
        } else if (c == 0xD8) {
            throw ImageRejected.corrupt("second JPEG start marker");
        } else if (c == 0x00) {
            throw ImageRejected.corrupt("bad JPEG marker");
        } else if (c == 0x01 || (c >= 0xD0 && c <= 0xD7)) {
            state = State.MARKER_FF;       // stand-alone markers: no length
        } else {
            if (c == 0xDA && !frameSeen) {
                throw ImageRejected.corrupt("JPEG scan before the frame header");
            }
            state = State.LENGTH;
            pos = 0;
            length = 0;
        }
    }

    private static boolean isFrameHeader(int c) {
        return c >= 0xC0 && c <= 0xCF && c != 0xC4 && c != 0xC8 && c != 0xCC;
    }

    private void startSegment() throws ImageRejected {
        if (length < 2) {
            throw ImageRejected.corrupt("bad JPEG segment length");
        }
        remaining = length - 2;
        readingFrame = false;
        if (isFrameHeader(marker) && !frameSeen) {
            if (remaining < 6) {
                throw ImageRejected.corrupt("bad JPEG frame header");
            }
            readingFrame = true;
            pos = 0;
        }
        if (remaining == 0) {
            endSegment();
        } else {
            state = State.SEGMENT;
        }
    }

    /** Frame header: precision, height (2), width (2), component count, components. */
    private void frameByte(int value) throws ImageRejected {
        switch (pos++) {
            case 1, 2 -> frameHeight = (frameHeight << 8) | value;
            case 3 -> frameWidthHigh = value;
            case 4 -> {
                frameSeen = true;
                readingFrame = false;
                dimensions((frameWidthHigh << 8) | value, frameHeight, MAX_EDGE);
            }
            default -> { }
        }
    }

    private void endSegment() {
        if (marker == 0xDA) {
            scanSeen = true;
            state = State.ENTROPY;
        } else {
            state = State.MARKER_FF;
        }
    }

    @Override
    void finish() throws ImageRejected {
        if (state != State.AFTER_EOI) {
            throw ImageRejected.truncated();
        }
    }
}
