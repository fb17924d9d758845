package com.anastig.platform.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 20,000 images x 50 boxes, generated on the fly, exported as COCO into a stream that keeps nothing; the ZIP is
 * read back concurrently through a pipe and instances.json streamed through CocoReader.
 */
class StreamingExportTest {
    private static final int IMAGES = 20_000;
    private static final int BOXES = 50;

    /** A source that holds nothing: every pass builds the images again. */
    static ExportSource synthetic(int images, int boxes) {
        List<Category> categories = List.of(new Category(0, "a"), new Category(1, "b"), new Category(2, "c"));
        return new ExportSource() {
            @Override
            public List<Category> categories() {
                return categories;
            }

            @Override
            public long imageCount() {
                return images;
            }

            @Override
            public void forEachImage(Consumer<ExportImage> sink) {
                for (int i = 1; i <= images; i++) {
                    List<Shape> shapes = new ArrayList<>(boxes);
                    for (int b = 0; b < boxes; b++) {
                        shapes.add(Shape.box(b % 3, b * 10 + 0.5, b * 5 + 0.25, 12.5, 8));
                    }
                    sink.accept(new ExportImage(i, "id" + i, "img" + i + ".jpg", "jpg", 640, 480, shapes));
                }
            }
        };
    }

    /** Counts and forwards (or discards when next is null). */
    static final class Counting extends OutputStream {
        private final OutputStream next;
        long bytes;

        Counting(OutputStream next) {
            this.next = next;
        }

        @Override
        public void write(int b) throws IOException {
            bytes++;
            if (next != null) {
                next.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            bytes += len;
            if (next != null) {
                next.write(b, off, len);
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMillionAnnotationsStreamThroughAndParseBack() throws Exception {
        PipedInputStream pipeIn = new PipedInputStream(1 << 20);
        PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
        CompletableFuture<long[]> read = CompletableFuture.supplyAsync(() -> {
            long[] counts = new long[3]; // images, annotations, categories
            try (ZipInputStream zip = new ZipInputStream(pipeIn, StandardCharsets.UTF_8)) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    if (e.getName().equals("annotations/instances.json")) {
                        new CocoReader(8, IMAGES, (long) IMAGES * BOXES).read(zip, new CocoVisitor() {
                            public void category(long id, String name) {
                                counts[2]++;
                            }

                            public void image(long id, String fileName, int width, int height) {
                                counts[0]++;
                            }

                            public void annotation(long image, long category, double[] bbox, double[][] polygon) {
                                counts[1]++;
                            }

                            public void problem(String where, String message) {
                                throw new AssertionError(where + ": " + message);
                            }

                            public void finished(boolean images, boolean categories) {
                                assertThat(images).isFalse();
                                assertThat(categories).isFalse();
                            }
                        });
                    }
                }
                zip.transferTo(OutputStream.nullOutputStream());
                return counts;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Counting out = new Counting(pipeOut);
        List<Long> progress = new ArrayList<>();
        new DatasetExporter().write(DatasetFormat.COCO, synthetic(IMAGES, BOXES), null, out,
                (done, total) -> progress.add(done));
        pipeOut.close();

        assertThat(read.get(60, TimeUnit.SECONDS)).containsExactly(IMAGES, (long) IMAGES * BOXES, 3);
        assertThat(out.bytes).isGreaterThan(1_000_000);
        assertThat(progress.size()).isLessThanOrEqualTo(110);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(3L * IMAGES);
    }

    @Test
    void yoloAndVocStreamTooIntoADiscardingStream() throws IOException {
        for (DatasetFormat format : List.of(DatasetFormat.YOLO, DatasetFormat.VOC)) {
            Counting out = new Counting(null);
            new DatasetExporter().write(format, synthetic(2_000, BOXES), null, out, null);
            assertThat(out.bytes).as(format.name()).isGreaterThan(10_000);
        }
    }
}
