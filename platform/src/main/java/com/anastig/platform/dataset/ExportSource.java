package com.anastig.platform.dataset;

import java.util.List;
import java.util.function.Consumer;

/** What an export reads: categories (held in memory) and images (streamed, never held). */
public interface ExportSource {
    List<Category> categories();

    long imageCount();

    /**
     * Streams every image with its shapes in a stable order; may be called more than once (every format
     * makes one pass for its files and one for {@code labels.csv}, COCO one more); each call sees the same
     * data.
     */
    void forEachImage(Consumer<ExportImage> sink);

    /**
     * Like {@link #forEachImage} but the shapes may be left out (an empty list): for passes that need only the
     * images' names and sizes, so the source need not read the shapes at all.
     */
    default void forEachImageMetadata(Consumer<ExportImage> sink) {
        forEachImage(sink);
    }

    /** Whether any image has a tag; false lets the writers skip the labels.csv pass (its header is still written). */
    default boolean hasTags() {
        return true;
    }
}
