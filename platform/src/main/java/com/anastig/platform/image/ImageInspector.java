package com.anastig.platform.image;

import java.io.IOException;
import java.io.InputStream;

/** Checks an image already stored (an object in a bucket): reads it to the end, keeps nothing. */
public final class ImageInspector {

    private ImageInspector() {
    }

    /** @param declaredOrNull the type it should be, or null to accept any of the three */
    public static ImageFacts inspect(InputStream in, ImageLimits limits, ImageFormat declaredOrNull)
            throws ImageRejected, IOException {
        ImageInspectingStream inspecting = new ImageInspectingStream(in, limits, declaredOrNull);
        byte[] buffer = new byte[64 * 1024];
        while (inspecting.read(buffer, 0, buffer.length) >= 0) {
            // the bytes are only inspected
        }
        return inspecting.facts();
    }
}
