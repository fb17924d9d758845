package com.anastig.platform.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Pascal VOC: {@code Annotations/<stem>.xml} for every image, images (if included) under
 * {@code JPEGImages/}, {@code labels.txt} (class names, one a line, in category order), {@code labels.csv}.
 *
 * <p>Each XML is written with an {@link XMLStreamWriter} (which escapes text; characters XML 1.0 cannot carry
 * are dropped first). {@code filename} is the {@link DatasetExporter#entryName}. Boxes are in whole pixels,
 * clipped to the image: {@code xmin = round(x)}, {@code xmax = round(x + w)}, so 0 &lt;= xmin &lt; xmax &lt;=
 * width; a polygon is written as its bounding box. An image without a positive size keeps its boxes unclipped.
 */
final class VocExport {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private VocExport() {}

    static void write(ZipOutputStream zip, ExportSource source, String[] names, ImageBytes images,
            ExportIo.Progress progress) throws IOException {
        ExportIo.putEntry(zip, "labels.txt");
        Writer labels = new BufferedWriter(new OutputStreamWriter(ExportIo.unclosable(zip), StandardCharsets.UTF_8));
        for (String name : names) {
            labels.write(name.replace('\r', ' ').replace('\n', ' '));
            labels.write('\n');
        }
        labels.flush();
        zip.closeEntry();

        // one buffered writer for the pass, flushed before every closeEntry (the XML writer would otherwise hand
        // the ZIP a few bytes at a time)
        Writer entry = new BufferedWriter(new OutputStreamWriter(ExportIo.unclosable(zip), StandardCharsets.UTF_8));
        ExportIo.pass(source, progress, image -> {
            if (images != null) {
                ExportIo.copyImage(zip, "JPEGImages/", image, images);
            }
            ExportIo.putEntry(zip, "Annotations/" + DatasetExporter.stem(image) + ".xml");
            try {
                XMLStreamWriter x = XML.createXMLStreamWriter(entry);
                annotation(x, image, names);
                x.close();
            } catch (XMLStreamException e) {
                throw new IOException("VOC annotation could not be written", e);
            }
            entry.flush();
            zip.closeEntry();
        });
    }

    private static void annotation(XMLStreamWriter x, ExportImage image, String[] names) throws XMLStreamException {
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("annotation");
        element(x, 1, "folder", "JPEGImages");
        element(x, 1, "filename", DatasetExporter.entryName(image));
        open(x, 1, "size");
        element(x, 2, "width", Integer.toString(image.width()));
        element(x, 2, "height", Integer.toString(image.height()));
        element(x, 2, "depth", "3");
        close(x, 1);
        element(x, 1, "segmented", "0");
        for (Shape s : image.shapes()) {
            if (!Geometry.validCategory(s, names.length)) {
                continue;
            }
            long[] px = pixels(Geometry.box(s), image.width(), image.height());
            if (px == null) {
                continue;
            }
            open(x, 1, "object");
            element(x, 2, "name", xmlText(names[s.category()]));
            element(x, 2, "pose", "Unspecified");
            element(x, 2, "truncated", "0");
            element(x, 2, "difficult", "0");
            open(x, 2, "bndbox");
            element(x, 3, "xmin", Long.toString(px[0]));
            element(x, 3, "ymin", Long.toString(px[1]));
            element(x, 3, "xmax", Long.toString(px[2]));
            element(x, 3, "ymax", Long.toString(px[3]));
            close(x, 2);
            close(x, 1);
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
    }

    /** The box as whole-pixel corners inside the image; null when nothing is left. */
    static long[] pixels(double[] box, int width, int height) {
        if (box == null) {
            return null;
        }
        double[] c = width > 0 && height > 0
                ? Geometry.clippedCorners(box, width, height)
                : new double[] {box[0], box[1], box[0] + box[2], box[1] + box[3]};
        if (c == null) {
            return null;
        }
        long[] px = {Math.round(c[0]), Math.round(c[1]), Math.round(c[2]), Math.round(c[3])};
        return px[2] > px[0] && px[3] > px[1] ? px : null;
    }

    /** Drops what XML 1.0 cannot carry at all (most control characters, lone surrogates, U+FFFE/U+FFFF). */
    static String xmlText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            if (allowed) {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static void element(XMLStreamWriter x, int depth, String name, String text) throws XMLStreamException {
        indent(x, depth);
        x.writeStartElement(name);
        x.writeCharacters(text);
        x.writeEndElement();
    }

    private static void open(XMLStreamWriter x, int depth, String name) throws XMLStreamException {
        indent(x, depth);
        x.writeStartElement(name);
    }

    private static void close(XMLStreamWriter x, int depth) throws XMLStreamException {
        indent(x, depth);
        x.writeEndElement();
    }

    private static void indent(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }
}
