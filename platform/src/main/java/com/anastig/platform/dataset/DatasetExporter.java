package com.anastig.platform.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.ZipOutputStream;

/**
 * Writes a project as a COCO, YOLO or Pascal VOC ZIP, streaming: images are visited through
 * {@link ExportSource#forEachImage} once per pass and this code keeps nothing per image or per annotation
 * (memory is O(categories)). One exception, inside {@link ZipOutputStream}: it remembers every entry for the
 * central directory at the end of the ZIP (about 250 bytes an entry). COCO without images has 2 entries
 * whatever the size; YOLO and VOC have one entry per image (two with images): about 36 MB for 100,000 images,
 * within -Xmx256m but proportional to the image count (not to the annotation count).
 *
 * <p>Common to every layout:
 * <ul>
 *   <li>each image is named in the ZIP by {@link #entryName}, and all per-image files use its stem;</li>
 *   <li>{@code labels.csv} ({@code image,label}, RFC 4180, formula-neutralised) lists the image-level tags
 *       ({@link ShapeKind#TAG}), one line per tag; it is always written, possibly with the header only;</li>
 *   <li>shapes that cannot be exported (unknown category, malformed or degenerate geometry) are left out.</li>
 * </ul>
 * Passes over the source: YOLO and VOC 2 (files, labels.csv); COCO 3, or 4 with images (instances images,
 * instances annotations, [image files,] labels.csv) since a ZIP entry must be written in one go. See
 * {@link CocoExport}, {@link YoloExport} and {@link VocExport} for the layouts.
 */
public final class DatasetExporter {
    private static final int MAX_NAME = 120;
    private static final int MAX_STEM = 80;

    /** Writes the whole ZIP to out, which stays open (the caller owns it). images==null: no image files. */
    public void write(DatasetFormat format, ExportSource source, ImageBytes imagesOrNull, OutputStream out,
            ExportProgress progress) throws IOException {
        String[] names = ExportIo.names(source.categories());
        int passes = switch (format) {
            case COCO -> imagesOrNull == null ? 3 : 4;
            case YOLO, VOC -> 2;
        };
        ExportIo.Progress p = new ExportIo.Progress(progress, passes * Math.max(0, source.imageCount()));
        ZipOutputStream zip = new ZipOutputStream(ExportIo.unclosable(out), java.nio.charset.StandardCharsets.UTF_8);
        zip.setLevel(ExportIo.LEVEL);
        switch (format) {
            case COCO -> CocoExport.write(zip, source, names, imagesOrNull, p);
            case YOLO -> YoloExport.write(zip, source, names, imagesOrNull, p);
            case VOC -> VocExport.write(zip, source, names, imagesOrNull, p);
        }
        LabelsCsv.write(zip, source, names, p);
        zip.finish();
        zip.flush();
        p.finished();
    }

    /**
     * The image's name inside the ZIP: {@code <stem>_<seq>.<ext>}, where the stem is the original file name
     * without folders and extension, reduced to {@code [A-Za-z0-9._-]} (anything else becomes '_', starting with a letter or digit, no "..",
     * at most 80 chars, "image" when nothing is left). Unique without any set in memory: seq is unique and
     * is what follows the last '_' (the stem may contain '_' but the digits after the last one are seq's).
     * Safe: no path separators, no "..", no control characters, at most 120 chars.
     */
    public static String entryName(ExportImage image) {
        return stem(image) + "." + extension(image.extension());
    }

    /** {@link #entryName} without its extension: the base of the per-image label/annotation files. */
    static String stem(ExportImage image) {
        String name = image.fileName() == null ? "" : image.fileName();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        StringBuilder sb = new StringBuilder(Math.min(name.length(), MAX_STEM));
        for (int i = 0; i < name.length() && sb.length() < MAX_STEM; i++) {
            char c = name.charAt(i);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.');
            char out = plain ? c : '_';
            char last = sb.isEmpty() ? 0 : sb.charAt(sb.length() - 1);
            boolean leading = sb.isEmpty() && !Character.isLetterOrDigit(out);
            if (leading || (out == '.' && last == '.') || (out == '_' && last == '_')) {
                continue; // starts with a letter or digit (no ".x", no "-option"), no "..", no runs of '_'
            }
            sb.append(out);
        }
        while (!sb.isEmpty() && (sb.charAt(sb.length() - 1) == '.' || sb.charAt(sb.length() - 1) == '_')) {
            sb.setLength(sb.length() - 1);
        }
        String stem = (sb.isEmpty() ? "image" : sb.toString()) + "_" + image.seq();
        return stem.length() <= MAX_NAME - 6 ? stem : stem.substring(stem.length() - (MAX_NAME - 6));
    }

    /** jpg, png or webp as given; anything else reduced to at most 5 lowercase letters/digits, or "bin". */
    static String extension(String extension) {
        String e = extension == null ? "" : extension.toLowerCase(Locale.ROOT);
        if (e.startsWith(".")) {
            e = e.substring(1);
        }
        if (e.isEmpty() || e.length() > 5 || !e.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            return "bin";
        }
        return e;
    }
}
