package com.anastig.platform.image;

import java.io.IOException;

/**
 * An upload refused by inspection. The message is short and safe to show a client: it never
 * echoes bytes of the upload.
 */
public final class ImageRejected extends IOException {

    private static final long serialVersionUID = 1L;

    public enum Reason { EMPTY, NOT_AN_IMAGE, TYPE_MISMATCH, TOO_MANY_PIXELS, TOO_LARGE_FILE, CORRUPT }

    private final Reason reason;

    public ImageRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static ImageRejected corrupt(String detail) {
        return new ImageRejected(Reason.CORRUPT, "The image file is damaged: " + detail + ".");
    }

    static ImageRejected truncated() {
        return new ImageRejected(Reason.CORRUPT, "The image file is damaged: truncated.");
    }
}
