package com.anastig.platform.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipOutputStream;

/**
 * YOLO (Ultralytics layout): {@code data.yaml} ({@code names} in category order, {@code nc},
 * {@code train: images}, {@code val: images}), {@code labels/<stem>.txt} for every image (empty when it has no
 * boxes or polygons), images (if included) under {@code images/}, {@code labels.csv}.
 *
 * <p>Label lines: a box is {@code class cx cy w h}, clipped to the image then normalised to 0..1; a polygon is
 * a segmentation line {@code class x1 y1 x2 y2 ...}, each coordinate normalised and clamped to 0..1; 6
 * decimals, class = category index. An image without a positive width and height gets an empty label file
 * (nothing can be normalised).
 */
final class YoloExport {
    private YoloExport() {}

    static void write(ZipOutputStream zip, ExportSource source, String[] names, ImageBytes images,
            ExportIo.Progress progress) throws IOException {
        ExportIo.putEntry(zip, "data.yaml");
        Writer yaml = writer(zip);
        yaml.write(dataYaml(names));
        yaml.flush();
        zip.closeEntry();

        StringBuilder line = new StringBuilder(128);
        Writer w = writer(zip); // one for the pass, flushed before every closeEntry
        ExportIo.pass(source, progress, image -> {
            if (images != null) {
                ExportIo.copyImage(zip, "images/", image, images);
            }
            ExportIo.putEntry(zip, "labels/" + DatasetExporter.stem(image) + ".txt");
            if (image.width() > 0 && image.height() > 0) {
                for (Shape s : image.shapes()) {
                    line.setLength(0);
                    if (Geometry.validCategory(s, names.length) && line(s, image.width(), image.height(), line)) {
                        w.append(line).append('\n');
                    }
                }
            }
            w.flush();
            zip.closeEntry();
        });
    }

    static String dataYaml(String[] names) {
        StringBuilder sb = new StringBuilder("# Anastig export\n");
        sb.append("train: images\nval: images\n");
        sb.append("nc: ").append(names.length).append('\n');
        sb.append(names.length == 0 ? "names: []\n" : "names:\n");
        for (String name : names) {
            sb.append("  - ").append(quoted(name)).append('\n');
        }
        return sb.toString();
    }

    /** A YAML double-quoted scalar: always quoted, so no name can turn into a number, bool, null or syntax. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean unprintable = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xfeff
                            || Character.isSurrogate((char) c) && c <= 0xffff;
                    if (unprintable) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /** Appends the label line of a shape; false when the shape has no line (tag, degenerate, outside). */
    private static boolean line(Shape s, int width, int height, StringBuilder sb) {
        double[] box = Geometry.box(s);
        if (box == null) {
            return false;
        }
        sb.append(s.category());
        if (s.kind() == ShapeKind.BBOX) {
            double[] c = Geometry.clippedCorners(box, width, height);
            if (c == null) {
                return false;
            }
            decimal(sb, (c[0] + c[2]) / 2 / width);
            decimal(sb, (c[1] + c[3]) / 2 / height);
            decimal(sb, (c[2] - c[0]) / width);
            decimal(sb, (c[3] - c[1]) / height);
            return true;
        }
        for (double[] p : s.points()) {
            decimal(sb, p[0] / width);
            decimal(sb, p[1] / height);
        }
        return true;
    }

    /** " 0.123457": clamped to [0,1], 6 decimals, without String.format (millions of calls). */
    static void decimal(StringBuilder sb, double v) {
        long micro = Math.round(Geometry.clamp(v, 0, 1) * 1_000_000);
        sb.append(' ').append(micro / 1_000_000).append('.');
        String frac = Long.toString(micro % 1_000_000);
        for (int i = frac.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(frac);
    }

    private static Writer writer(ZipOutputStream zip) {
        return new BufferedWriter(new OutputStreamWriter(ExportIo.unclosable(zip), StandardCharsets.UTF_8));
    }
}
