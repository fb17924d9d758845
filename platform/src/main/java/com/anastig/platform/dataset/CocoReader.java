package com.anastig.platform.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Streams a COCO instances JSON with a {@link JsonParser}, never building a tree; the caller's stream is not
 * closed.
 *
 * <p><b>Order.</b> Items reach the {@link CocoVisitor} in the order of the file (no buffering of images or
 * annotations). Top-level keys other than categories, images and annotations are skipped.
 *
 * <p><b>References.</b> The reader keeps the ids of the categories and images seen so far in
 * {@link LongHashSet}s (16 to 32 bytes per id: about 3 MB for 100,000 images). An annotation is checked
 * against a section that has been read completely before it: an unknown image_id or category_id is reported
 * through {@link CocoVisitor#problem} and the annotation skipped. An annotation that comes before a section
 * (the usual COCO order images, annotations, categories puts categories last) is passed on unchecked for that
 * reference, and {@link CocoVisitor#finished} tells the caller so: it checks those ids itself (for categories
 * an O(categories) job). Files written by {@link DatasetExporter} put categories and images first, so all of
 * their references are checked. Duplicate image or category ids are problems (the duplicate is skipped).
 *
 * <p><b>Refused</b> with a {@link CocoFormatException}: a root that is not an object, nesting deeper than
 * maxDepth (root object = 1, a polygon ring = 5), a section or item of the wrong JSON type, a missing required
 * field (categories: id, name; images: id, file_name, width, height; annotations: image_id, category_id),
 * more than maxImages images, maxAnnotations annotations or 100,000 categories, malformed JSON. A bbox that is
 * not 4 finite numbers with positive w and h, or a first polygon ring of fewer than 3 points or odd length, is
 * a problem: the geometry is dropped (the annotation too if nothing is left). RLE segmentations are ignored.
 */
public final class CocoReader {
    static final int MAX_CATEGORIES = 100_000;
    static final int MAX_RING_NUMBERS = 200_000;

    private final JsonFactory json;
    private final long maxImages;
    private final long maxAnnotations;

    public CocoReader(int maxDepth, long maxImages, long maxAnnotations) {
        if (maxDepth < 5) {
            throw new IllegalArgumentException("maxDepth must be at least 5 (polygon rings sit at depth 5)");
        }
        this.json = JsonFactory.builder()
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        this.maxImages = maxImages;
        this.maxAnnotations = maxAnnotations;
    }

    public void read(InputStream in, CocoVisitor visitor) throws IOException, CocoFormatException {
        try (JsonParser p = json.createParser(in)) {
            new Run(p, visitor).root();
        } catch (StreamConstraintsException e) {
            boolean depth = String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT).contains("depth");
            throw new CocoFormatException(depth ? "too_deep" : "too_large",
                    (depth ? "nesting too deep" : "value too large") + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new CocoFormatException("invalid_json", "malformed JSON" + at(e.getLocation()));
        }
    }

    private static String at(JsonLocation l) {
        return l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** The state of one read. */
    private final class Run {
        private final JsonParser p;
        private final CocoVisitor v;
        private final LongHashSet categories = new LongHashSet();
        private final LongHashSet images = new LongHashSet();
        private long categoryCount, imageCount, annotationCount;
        private boolean categoriesRead, imagesRead, imagesUnchecked, categoriesUnchecked;

        Run(JsonParser p, CocoVisitor v) {
            this.p = p;
            this.v = v;
        }

        void root() throws IOException, CocoFormatException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CocoFormatException("not_object", "the root must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case "categories" -> {
                        section(key, this::category);
                        categoriesRead = true;
                    }
                    case "images" -> {
                        section(key, this::image);
                        imagesRead = true;
                    }
                    case "annotations" -> section(key, this::annotation);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new CocoFormatException("invalid_json", "content after the root object" + at(p.currentLocation()));
            }
            v.finished(imagesUnchecked, categoriesUnchecked);
        }

        private interface Item {
            void read() throws IOException, CocoFormatException;
        }

        /** Where the reader is, e.g. "annotations[12]": built only for messages, never per item. */
        private String section = "";
        private long index = -1;

        private String where() {
            return index < 0 ? section : section + "[" + index + "]";
        }

        private void section(String name, Item item) throws IOException, CocoFormatException {
            section = name;
            index = -1;
            expect(p.currentToken() == JsonToken.START_ARRAY, "", "an array");
            for (index = 0; p.nextToken() != JsonToken.END_ARRAY; index++) {
                expect(p.currentToken() == JsonToken.START_OBJECT, "", "an object");
                item.read();
            }
        }

        private void category() throws IOException, CocoFormatException {
            if (++categoryCount > MAX_CATEGORIES) {
                throw new CocoFormatException("too_many_categories", "more than " + MAX_CATEGORIES + " categories");
            }
            Long id = null;
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id" -> id = integer(".id");
                    case "name" -> name = string(".name");
                    default -> p.skipChildren();
                }
            }
            required(id, ".id");
            required(name, ".name");
            if (!categories.add(id)) {
                v.problem(where(), "duplicate category id " + id);
                return;
            }
            v.category(id, name);
        }

        private void image() throws IOException, CocoFormatException {
            if (++imageCount > maxImages) {
                throw new CocoFormatException("too_many_images", "more than " + maxImages + " images");
            }
            Long id = null, width = null, height = null;
            String fileName = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id" -> id = integer(".id");
                    case "file_name" -> fileName = string(".file_name");
                    case "width" -> width = integer(".width");
                    case "height" -> height = integer(".height");
                    default -> p.skipChildren();
                }
            }
            required(id, ".id");
            required(fileName, ".file_name");
            required(width, ".width");
            required(height, ".height");
            if (width < 0 || width > Integer.MAX_VALUE || height < 0 || height > Integer.MAX_VALUE) {
                throw new CocoFormatException("invalid_value", where() + " has an impossible width or height");
            }
            if (!images.add(id)) {
                v.problem(where(), "duplicate image id " + id);
                return;
            }
            v.image(id, fileName, width.intValue(), height.intValue());
        }

        private void annotation() throws IOException, CocoFormatException {
            if (++annotationCount > maxAnnotations) {
                throw new CocoFormatException("too_many_annotations", "more than " + maxAnnotations + " annotations");
            }
            Long imageId = null, categoryId = null;
            double[] bbox = null;
            double[][] polygon = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "image_id" -> imageId = integer(".image_id");
                    case "category_id" -> categoryId = integer(".category_id");
                    case "bbox" -> bbox = bbox();
                    case "segmentation" -> polygon = segmentation();
                    default -> p.skipChildren();
                }
            }
            required(imageId, ".image_id");
            required(categoryId, ".category_id");
            if (imagesRead && !images.contains(imageId)) {
                v.problem(where(), "unknown image_id " + imageId);
            } else if (categoriesRead && !categories.contains(categoryId)) {
                v.problem(where(), "unknown category_id " + categoryId);
            } else if (bbox == null && polygon == null) {
                v.problem(where(), "no usable bbox or polygon");
            } else {
                imagesUnchecked |= !imagesRead;
                categoriesUnchecked |= !categoriesRead;
                v.annotation(imageId, categoryId, bbox, polygon);
            }
        }

        private double[] bbox() throws IOException, CocoFormatException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            double[] numbers = numbers(".bbox", 5);
            if (numbers.length != 4 || !(numbers[2] > 0) || !(numbers[3] > 0)) {
                v.problem(where(), "bbox must be [x, y, w, h] with positive w and h; ignored");
                return null;
            }
            return numbers;
        }

        /** The first polygon ring; RLE (an object), null and [] give null. */
        private double[][] segmentation() throws IOException, CocoFormatException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL || t == JsonToken.START_OBJECT) {
                p.skipChildren();
                return null;
            }
            expect(t == JsonToken.START_ARRAY, ".segmentation", "an array or an object");
            double[][] ring = null;
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    expect(false, ".segmentation[" + i + "]", "an array");
                }
                if (i > 0) {
                    p.skipChildren();
                    continue;
                }
                double[] flat = numbers(".segmentation[0]", MAX_RING_NUMBERS);
                if (flat.length < 6 || flat.length % 2 != 0 || flat.length >= MAX_RING_NUMBERS) {
                    v.problem(where(), "a polygon needs an even number (at least 6, fewer than "
                            + MAX_RING_NUMBERS + ") of coordinates; ignored");
                    continue;
                }
                ring = new double[flat.length / 2][];
                for (int k = 0; k < ring.length; k++) {
                    ring[k] = new double[] {flat[2 * k], flat[2 * k + 1]};
                }
            }
            return ring;
        }

        /** An array of finite numbers; keeps at most {@code cap} of them (the rest are read and dropped). */
        private double[] numbers(String field, int cap) throws IOException, CocoFormatException {
            expect(p.currentToken() == JsonToken.START_ARRAY, field, "an array of numbers");
            double[] out = new double[Math.min(cap, 8)];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                expect(p.currentToken().isNumeric(), field, "an array of numbers");
                double d = p.getDoubleValue();
                expect(Double.isFinite(d), field, "an array of finite numbers");
                if (n < cap) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, Math.min(cap, out.length * 2));
                    }
                    out[n] = d;
                }
                n++;
            }
            return Arrays.copyOf(out, Math.min(n, cap));
        }

        private long integer(String field) throws IOException, CocoFormatException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return p.getLongValue();
            }
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue(); // 640.0 is written by some tools
                if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                    return (long) d;
                }
            }
            throw new CocoFormatException("wrong_type", where() + field + " must be an integer");
        }

        private String string(String field) throws IOException, CocoFormatException {
            expect(p.currentToken() == JsonToken.VALUE_STRING, field, "a string");
            return p.getText();
        }

        /** field: the path below the current item, e.g. ".bbox" ("" for the item itself). */
        private void expect(boolean ok, String field, String what) throws CocoFormatException {
            if (!ok) {
                throw new CocoFormatException("wrong_type", where() + field + " must be " + what);
            }
        }

        private void required(Object value, String field) throws CocoFormatException {
            if (value == null) {
                throw new CocoFormatException("missing_field", where() + field + " is required");
            }
        }
    }
}
