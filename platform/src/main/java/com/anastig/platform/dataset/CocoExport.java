package com.anastig.platform.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.ZipOutputStream;

/**
 * COCO: {@code annotations/instances.json}, images (if included) under {@code images/}, {@code labels.csv}.
 *
 * <p>instances.json is written with a {@link JsonGenerator} straight into the ZIP entry, keys in the order
 * info, licenses, categories, images, annotations: categories first (JSON objects are unordered; this lets a
 * streaming reader such as {@link CocoReader} check every reference). {@code images[].id} is the image's seq
 * and {@code file_name} is the bare {@link DatasetExporter#entryName} (as in the COCO releases: the images
 * folder is not part of it; the images are under {@code images/}). Category ids are index + 1; annotation ids
 * a 1-based counter. Coordinates and areas are written rounded to 1/100 pixel (a shape whose width, height
 * or area rounds to 0 is left out). A box gets its rectangle as segmentation (pycocotools masks need one) and area w*h; a
 * polygon gets {@code [[x1,y1,x2,y2,...]]}, its bounding box and its shoelace area. Tags are not annotations
 * here, only in labels.csv.
 */
final class CocoExport {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private CocoExport() {}

    static void write(ZipOutputStream zip, ExportSource source, String[] names, ImageBytes images,
            ExportIo.Progress progress) throws IOException {
        ExportIo.putEntry(zip, "annotations/instances.json");
        try (JsonGenerator g = JSON.createGenerator(ExportIo.unclosable(zip), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("info");
            g.writeStringField("description", "Anastig export");
            g.writeStringField("version", "1.0");
            g.writeNumberField("year", LocalDate.now(ZoneOffset.UTC).getYear());
            g.writeStringField("date_created", LocalDate.now(ZoneOffset.UTC).toString());
            g.writeEndObject();
            g.writeArrayFieldStart("licenses");
            g.writeEndArray();

            g.writeArrayFieldStart("categories");
            for (int i = 0; i < names.length; i++) {
                g.writeStartObject();
                g.writeNumberField("id", i + 1);
                g.writeStringField("name", names[i]);
                g.writeStringField("supercategory", "");
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("images");
            ExportIo.metadataPass(source, progress, image -> {
                g.writeStartObject();
                g.writeNumberField("id", image.seq());
                g.writeStringField("file_name", DatasetExporter.entryName(image));
                g.writeNumberField("width", image.width());
                g.writeNumberField("height", image.height());
                g.writeEndObject();
            });
            g.writeEndArray();

            g.writeArrayFieldStart("annotations");
            long[] nextId = {1};
            char[] digits = new char[24];
            ExportIo.pass(source, progress, image -> {
                for (Shape s : image.shapes()) {
                    if (Geometry.validCategory(s, names.length)) {
                        double[] box = Geometry.box(s);
                        if (box != null && annotation(g, nextId[0], image.seq(), s, box, digits)) {
                            nextId[0]++;
                        }
                    }
                }
            });
            g.writeEndArray();
            g.writeEndObject();
        }
        zip.closeEntry();
        if (images != null) {
            ExportIo.metadataPass(source, progress, image -> ExportIo.copyImage(zip, "images/", image, images));
        }
    }

    /** Writes the annotation unless, at 1/100 pixel, its box or area is empty; true if written. */
    private static boolean annotation(JsonGenerator g, long id, long imageId, Shape s, double[] box, char[] digits)
            throws IOException {
        boolean polygon = s.kind() == ShapeKind.POLYGON;
        double area = round(polygon ? Geometry.polygonArea(s.points()) : box[2] * box[3]);
        if (!(round(box[2]) > 0 && round(box[3]) > 0 && area > 0)) {
            return false;
        }
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeNumberField("image_id", imageId);
        g.writeNumberField("category_id", s.category() + 1);
        g.writeArrayFieldStart("bbox");
        for (double v : box) {
            number(g, v, digits);
        }
        g.writeEndArray();
        g.writeFieldName("area");
        number(g, area, digits);
        g.writeNumberField("iscrowd", 0);
        g.writeArrayFieldStart("segmentation");
        g.writeStartArray();
        if (polygon) {
            for (double[] p : s.points()) {
                number(g, p[0], digits);
                number(g, p[1], digits);
            }
        } else {
            double x2 = box[0] + box[2], y2 = box[1] + box[3];
            double[] rect = {box[0], box[1], x2, box[1], x2, y2, box[0], y2};
            for (double v : rect) {
                number(g, v, digits);
            }
        }
        g.writeEndArray();
        g.writeEndArray();
        g.writeEndObject();
        return true;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * Writes v rounded to 2 decimals ("12", "12.5", "-0.25") with integer arithmetic: generic double
     * formatting is the bottleneck of a million-annotation export.
     */
    static void number(JsonGenerator g, double v, char[] digits) throws IOException {
        if (!(Math.abs(v) < 1e13)) {
            g.writeNumber(v);
            return;
        }
        long c = Math.round(v * 100);
        boolean negative = c < 0;
        c = Math.abs(c);
        int pos = digits.length;
        int cents = (int) (c % 100);
        if (cents != 0) {
            if (cents % 10 != 0) {
                digits[--pos] = (char) ('0' + cents % 10);
            }
            digits[--pos] = (char) ('0' + cents / 10);
            digits[--pos] = '.';
        }
        long whole = c / 100;
        do {
            digits[--pos] = (char) ('0' + whole % 10);
            whole /= 10;
        } while (whole > 0);
        if (negative) {
            digits[--pos] = '-';
        }
        g.writeNumber(digits, pos, digits.length - pos);
    }
}
