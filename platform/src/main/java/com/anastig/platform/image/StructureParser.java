package com.anastig.platform.image;

/**
 * An incremental structure check for one format: sees every byte of the file once, from the first,
 * in O(1) memory, and never decodes pixels.
 */
abstract class StructureParser {

    /** Told the image's dimensions as soon as the header shows them. */
    interface DimensionsListener {
        void dimensions(long width, long height) throws ImageRejected;
    }

    private final DimensionsListener listener;
    private long width;
    private long height;

    StructureParser(DimensionsListener listener) {
        this.listener = listener;
    }

    /** The next {@code len} bytes of the file. */
    abstract void feed(byte[] b, int off, int len) throws ImageRejected;

    /** The end of the file: throws if the structure is incomplete. */
    abstract void finish() throws ImageRejected;

    /** Reports the dimensions; zero or beyond {@code maxEdge} is corrupt. */
    final void dimensions(long w, long h, long maxEdge) throws ImageRejected {
        if (w <= 0 || h <= 0) {
            throw ImageRejected.corrupt("zero width or height");
        }
        if (w > maxEdge || h > maxEdge) {
            throw ImageRejected.corrupt("impossible width or height");
        }
        width = w;
        height = h;
        listener.dimensions(w, h);
    }

    final boolean hasDimensions() {
        return width > 0;
    }

    final long width() {
        return width;
    }

    final long height() {
        return height;
    }
}
