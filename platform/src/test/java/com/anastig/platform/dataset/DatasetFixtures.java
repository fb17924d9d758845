package com.anastig.platform.dataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A small project with every awkward case, and helpers to export it and read the ZIP back. */
final class DatasetFixtures {
    static final String FORMULA = "=cmd|' /C calc'!A0";
    static final String LONG_NAME = "x".repeat(300) + ".webp";
    static final String ODD_NAME = "../a b\u0000c.png";

    private DatasetFixtures() {}

    static final List<Category> CATEGORIES = List.of(
            new Category(0, "cat"), new Category(1, "dog & <bird> \"q\""), new Category(2, FORMULA));

    static final List<ExportImage> IMAGES = List.of(
            new ExportImage(1, "img-a", "photo one.jpg", "jpg", 640, 480, List.of(
                    Shape.box(0, 10, 20, 100, 50),
                    Shape.polygon(1, new double[][] {{100, 100}, {200, 100}, {150, 180}}),
                    Shape.tag(2))),
            new ExportImage(2, "img-b", ODD_NAME, "png", 320, 240, List.of(
                    Shape.box(2, 0, 0, 320, 240), Shape.tag(0), Shape.tag(1))),
            new ExportImage(3, "img-c", LONG_NAME, "webp", 100, 100, List.of(
                    Shape.polygon(0, new double[][] {{10, 10}, {60, 10}, {60, 60}, {10, 60}}),
                    Shape.box(1, 90.5, 90.25, 50, 50),
                    Shape.box(0, 1, 1, 0, 5),         // degenerate: left out
                    Shape.box(7, 1, 1, 5, 5))),       // unknown category: left out
            new ExportImage(4, "img-d", "empty.jpg", "jpg", 50, 40, List.of()));

    static ExportSource source(List<Category> categories, List<ExportImage> images) {
        return new ExportSource() {
            @Override
            public List<Category> categories() {
                return categories;
            }

            @Override
            public long imageCount() {
                return images.size();
            }

            @Override
            public void forEachImage(Consumer<ExportImage> sink) {
                images.forEach(sink);
            }
        };
    }

    static ExportSource sample() {
        return source(CATEGORIES, IMAGES);
    }

    /** Fake image bytes: "bytes of <id>". */
    static final ImageBytes FAKE_BYTES = (image, out) -> out.write(("bytes of " + image.id()).getBytes(StandardCharsets.UTF_8));

    static Map<String, byte[]> export(DatasetFormat format, ExportSource source, ImageBytes images) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DatasetExporter().write(format, source, images, out, ExportProgress.NONE);
        return unzip(out.toByteArray());
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (entries.put(e.getName(), in.readAllBytes()) != null) {
                    throw new AssertionError("duplicate entry " + e.getName());
                }
            }
        }
        return entries;
    }

    static String text(Map<String, byte[]> zip, String name) {
        byte[] bytes = zip.get(name);
        if (bytes == null) {
            throw new AssertionError(name + " not in " + zip.keySet());
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
