package com.anastig.platform.dataset;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Plumbing shared by the format writers: passes over the source, progress, ZIP entries. */
final class ExportIo {
    private ExportIo() {}

    /** Like a {@link java.util.function.Consumer} of images, but allowed to throw {@link IOException}. */
    interface ImageWork {
        void accept(ExportImage image) throws IOException;
    }

    /** One pass over the source; the checked exception crosses the Consumer as UncheckedIOException. */
    static void pass(ExportSource source, Progress progress, ImageWork work) throws IOException {
        pass(source, progress, work, false);
    }

    /** A pass that needs no shapes ({@link ExportSource#forEachImageMetadata}). */
    static void metadataPass(ExportSource source, Progress progress, ImageWork work) throws IOException {
        pass(source, progress, work, true);
    }

    private static void pass(ExportSource source, Progress progress, ImageWork work, boolean metadataOnly) throws IOException {
        java.util.function.Consumer<java.util.function.Consumer<ExportImage>> each = metadataOnly ? source::forEachImageMetadata
            : source::forEachImage;
        try {
            each.accept(image -> {
                try {
                    work.accept(image);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                progress.step();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void putEntry(ZipOutputStream zip, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
    }

    /**
     * An image's original bytes as the entry {@code folder + entryName}, without compression (JPEG, PNG and
     * WebP are compressed already: deflating them again only costs CPU).
     */
    static void copyImage(ZipOutputStream zip, String folder, ExportImage image, ImageBytes bytes)
            throws IOException {
        zip.setLevel(Deflater.NO_COMPRESSION);
        putEntry(zip, folder + DatasetExporter.entryName(image));
        bytes.copyTo(image, unclosable(zip));
        zip.closeEntry();
        zip.setLevel(LEVEL);
    }

    /** The compression of text entries: the fastest level, which for this JSON, CSV and XML is several times faster than the default for a few percent more bytes. */
    static final int LEVEL = Deflater.BEST_SPEED;

    /** A view of {@code out} whose close() only flushes: writers wrapped around a ZIP entry close it so. */
    static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** The category names by index; a missing name becomes "class_&lt;index&gt;". */
    static String[] names(java.util.List<Category> categories) {
        String[] names = new String[categories.size()];
        for (Category c : categories) {
            if (c.index() < 0 || c.index() >= names.length || names[c.index()] != null) {
                throw new IllegalArgumentException("category indexes must be dense and 0-based");
            }
            names[c.index()] = c.name() == null || c.name().isEmpty() ? "class_" + c.index() : c.name();
        }
        return names;
    }

    /** Counts visited images over all passes and reports about every 1%, never once per image. */
    static final class Progress {
        private final ExportProgress sink;
        private final long total;
        private final long every;
        private long done;
        private long next;

        Progress(ExportProgress sink, long total) {
            this.sink = sink == null ? ExportProgress.NONE : sink;
            this.total = Math.max(0, total);
            this.every = Math.max(1, this.total / 100);
            this.next = every;
        }

        void step() {
            if (++done >= next) {
                next = done + every;
                sink.advanced(Math.min(done, total), total);
            }
        }

        /** Counts a pass that was skipped. */
        void skip(long images) {
            for (long i = 0; i < images; i++) {
                step();
            }
        }

        void finished() {
            sink.advanced(total, total);
        }
    }
}
