package com.anastig.platform.dataset;

import java.util.List;

/**
 * One image as the exporter sees it.
 *
 * @param seq       1-based, unique, in export order; makes {@link DatasetExporter#entryName} unique
 * @param id        the opaque platform id
 * @param fileName  the original file name (untrusted: never used as a path as is)
 * @param extension jpg, png or webp
 * @param shapes    the image's annotations (may be empty)
 */
public record ExportImage(long seq, String id, String fileName, String extension, int width, int height,
        List<Shape> shapes) {}
