package com.anastig.platform.dataset;

import java.io.IOException;
import java.io.OutputStream;

/** Copies an image's original bytes; used only when images are included. Must not close {@code out}. */
public interface ImageBytes {
    void copyTo(ExportImage image, OutputStream out) throws IOException;
}
