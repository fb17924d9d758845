package com.anastig.platform.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipOutputStream;

/**
 * {@code labels.csv}: header {@code image,label}, then one line per image-level tag ({@link ShapeKind#TAG})
 * with the image's {@link DatasetExporter#entryName} and the category name. RFC 4180 (CRLF, fields with
 * comma, quote, CR or LF are quoted, quotes doubled); a cell starting with = + - @ tab or CR gets a leading
 * ' so spreadsheets do not run it as a formula.
 */
final class LabelsCsv {
    private LabelsCsv() {}

    static void write(ZipOutputStream zip, ExportSource source, String[] names, ExportIo.Progress progress)
            throws IOException {
        ExportIo.putEntry(zip, "labels.csv");
        Writer w = new BufferedWriter(new OutputStreamWriter(ExportIo.unclosable(zip), StandardCharsets.UTF_8));
        w.write("image,label\r\n");
        if (!source.hasTags()) {
            progress.skip(Math.max(0, source.imageCount()));
            w.flush();
            zip.closeEntry();
            return;
        }
        ExportIo.pass(source, progress, image -> {
            String entry = null;
            for (Shape s : image.shapes()) {
                if (s != null && s.kind() == ShapeKind.TAG && Geometry.validCategory(s, names.length)) {
                    if (entry == null) {
                        entry = cell(DatasetExporter.entryName(image));
                    }
                    w.write(entry);
                    w.write(',');
                    w.write(cell(names[s.category()]));
                    w.write("\r\n");
                }
            }
        });
        w.flush();
        zip.closeEntry();
    }

    /** One CSV field: neutralised against formula injection, then quoted when needed. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\r') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
