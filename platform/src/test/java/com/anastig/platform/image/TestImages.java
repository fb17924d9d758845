package com.anastig.platform.image;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Real images made with ImageIO, WebP files made once with cwebp 1.2.4, and PNG surgery. */
public final class TestImages {

    /** 5x3, lossless: {@code cwebp -lossless} (simple format, one VP8L chunk). */
    public static final byte[] WEBP_LOSSLESS_5X3 = HexFormat.of().parseHex(
            "524946463c000000574542505650384c2f0000002f048000007740906d33c422dc1fe40c233380f3df830cb0bc00"
            + "06012011a858524821b814561835a2ffe121c7be0000");
    /** 5x3, lossy: {@code cwebp -q 80} (simple format, one VP8 chunk). */
    public static final byte[] WEBP_LOSSY_5X3 = HexFormat.of().parseHex(
            "524946465800000057454250565038204c0000005002009d012a0500030001402625b002744c807e8001d9adc36c"
            + "0000feed2b97350626b0008f9d86cdc0b4f604bd16e9092eef7fd470b41f3e45547fdef39debc86d7fffa302f9ee"
            + "94000000");
    /** 4x2 with alpha, lossy: {@code cwebp -q 80} from a PAM (extended format: VP8X, ALPH, VP8). */
    public static final byte[] WEBP_ALPHA_4X2 = HexFormat.of().parseHex(
            "524946467200000057454250565038580a00000010000000030000010000414c50480900000000ffff6464ffff64"
            + "64005650382042000000d001009d012a0400020001402625a80274010efe038e0000fe9c13831fff6be449a27ffd"
            + "c807ffdaf912689fbb6ffefef62fbfff26fb9bf4ee831f7ffe4d69000000");

    private TestImages() {
    }

    public static BufferedImage picture(int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(200, 40, 40, alpha ? 90 : 255), width, height, new Color(20, 90, 220)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.YELLOW);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] png(int width, int height, boolean alpha) {
        return encode(picture(width, height, alpha), "png", false);
    }

    public static byte[] jpeg(int width, int height, boolean progressive) {
        return encode(picture(width, height, false), "jpeg", progressive);
    }

    private static byte[] encode(BufferedImage image, String format, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    public static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A copy of a PNG whose IHDR claims another size, its CRC fixed so only the size is wrong. */
    public static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] copy = png.clone();
        ByteBuffer.wrap(copy, 16, 8).putInt(width).putInt(height);
        fixCrc(copy, 8);
        return copy;
    }

    /** Recomputes the CRC of the PNG chunk starting (at its length) at {@code chunk}. */
    public static void fixCrc(byte[] png, int chunk) {
        int length = ByteBuffer.wrap(png, chunk, 4).getInt();
        CRC32 crc = new CRC32();
        crc.update(png, chunk + 4, 4 + length);
        ByteBuffer.wrap(png, chunk + 8 + length, 4).putInt((int) crc.getValue());
    }

    /** Where the first chunk of this type starts (at its length field). */
    static int pngChunk(byte[] png, String type) {
        int at = 8;
        while (at < png.length) {
            int length = ByteBuffer.wrap(png, at, 4).getInt();
            if (new String(png, at + 4, 4, StandardCharsets.US_ASCII).equals(type)) {
                return at;
            }
            at += 12 + length;
        }
        throw new IllegalArgumentException("no " + type);
    }

    public static byte[] pngChunkBytes(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        return chunk.array();
    }

    /** The total length of {@link #hugePng}. */
    static long hugePngLength(int idatChunks, int idatSize) {
        return 8 + 25 + (long) idatChunks * (12 + idatSize) + 12;
    }

    /**
     * A valid PNG structure made on the fly, never held whole: IHDR, {@code idatChunks} IDAT
     * chunks of arbitrary bytes (inspection never inflates them), IEND.
     */
    static InputStream hugePng(int width, int height, int idatChunks, int idatSize) {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0}).array();
        Random random = new Random(42);
        Enumeration<InputStream> parts = new Enumeration<>() {
            private int next = -2;

            @Override
            public boolean hasMoreElements() {
                return next <= idatChunks;
            }

            @Override
            public InputStream nextElement() {
                int part = next++;
                if (part == -2) {
                    return new java.io.ByteArrayInputStream(PngParser.SIGNATURE);
                } else if (part == -1) {
                    return new java.io.ByteArrayInputStream(pngChunkBytes("IHDR", ihdr));
                } else if (part < idatChunks) {
                    byte[] data = new byte[idatSize];
                    random.nextBytes(data);
                    return new java.io.ByteArrayInputStream(pngChunkBytes("IDAT", data));
                }
                return new java.io.ByteArrayInputStream(pngChunkBytes("IEND", new byte[0]));
            }
        };
        return new SequenceInputStream(parts);
    }
}
