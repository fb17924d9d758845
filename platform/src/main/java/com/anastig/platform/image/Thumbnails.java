package com.anastig.platform.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Thumbnails for the image grid, with bounded decoding memory: the source is decoded with source
 * subsampling chosen from its known (already inspected) dimensions, so the decoded raster holds at
 * most {@code maxDecodePixels}, then scaled to fit {@code maxEdge}. JPEG out, or PNG if the
 * source has alpha. WebP is read by the TwelveMonkeys ImageIO plugin.
 */
public final class Thumbnails {

    public record Thumbnail(byte[] bytes, String mediaType, int width, int height) {}

    private static final float JPEG_QUALITY = 0.85f;

    private final int maxEdge;
    private final long maxDecodePixels;

    /**
     * @param maxEdge the longest edge of a thumbnail, e.g. 256
     * @param maxDecodePixels the cap on the subsampled raster, at least maxEdge squared (e.g. 16 times that)
     */
    public Thumbnails(int maxEdge, long maxDecodePixels) {
        if (maxEdge <= 0 || maxDecodePixels < (long) maxEdge * maxEdge) {
            throw new IllegalArgumentException("maxEdge must be positive and maxDecodePixels at least maxEdge squared");
        }
        this.maxEdge = maxEdge;
        this.maxDecodePixels = maxDecodePixels;
        ImageIO.scanForPlugins();
    }

    /** @param facts what inspection found for these bytes */
    public Thumbnail make(InputStream imageBytes, ImageFacts facts) throws IOException {
        BufferedImage decoded = decode(imageBytes, facts);
        boolean alpha = decoded.getColorModel().hasAlpha();
        int[] size = fit(facts.width(), facts.height());
        BufferedImage scaled = new BufferedImage(size[0], size[1], alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(decoded, 0, 0, size[0], size[1], null);
        } finally {
            g.dispose();
        }
        byte[] bytes = alpha ? write(scaled, "png", null) : write(scaled, "jpeg", JPEG_QUALITY);
        return new Thumbnail(bytes, alpha ? ImageFormat.PNG.mediaType() : ImageFormat.JPEG.mediaType(), size[0], size[1]);
    }

    /** The subsampling step: the smallest that keeps the raster under the cap, but no finer than twice maxEdge needs. */
    static int subsampling(int width, int height, int maxEdge, long maxDecodePixels) {
        int longEdge = Math.max(width, height);
        int step = Math.max(1, longEdge / (2 * maxEdge));
        while (ceilDiv(width, step) * ceilDiv(height, step) > maxDecodePixels) {
            step++;
        }
        return step;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private int[] fit(int width, int height) {
        int longEdge = Math.max(width, height);
        if (longEdge <= maxEdge) {
            return new int[] {width, height};
        }
        double scale = (double) maxEdge / longEdge;
        return new int[] {
            (int) Math.max(1, Math.round(width * scale)),
            (int) Math.max(1, Math.round(height * scale))};
    }

    private BufferedImage decode(InputStream in, ImageFacts facts) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(in)) {
            if (input == null) {
                throw new IOException("no image input stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(facts.format().mediaType());
            if (!readers.hasNext()) {
                throw new IOException("no image reader for " + facts.format().mediaType());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                if (reader.getWidth(0) != facts.width() || reader.getHeight(0) != facts.height()) {
                    throw new IOException("the image size differs from its inspection");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(facts.width(), facts.height(), maxEdge, maxDecodePixels);
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    private static byte[] write(BufferedImage image, String format, Float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
