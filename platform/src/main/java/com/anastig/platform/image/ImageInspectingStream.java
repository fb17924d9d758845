package com.anastig.platform.image;

import com.anastig.platform.image.ImageRejected.Reason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Wraps an upload stream; the caller (a storage provider's put) reads it to the end.
 *
 * <p>Every byte that passes through is counted, hashed (SHA-256) and fed to an incremental
 * structure check for the format its magic bytes show; nothing is buffered beyond a 12-byte prefix
 * and nothing is decoded. A read throws {@link ImageRejected} as soon as the bytes so far show the
 * upload must be refused (not an image, another type than declared, too many pixels, too many
 * bytes, damaged), or at the end of the stream if the structure is incomplete. The failure is also
 * kept, for {@link #rejection()}, in case a storage client wraps the exception; every later read
 * throws it again.
 */
public final class ImageInspectingStream extends FilterInputStream {

    private static final int PREFIX = 12;

    private final ImageLimits limits;
    private final ImageFormat declared;
    private final MessageDigest sha256;
    private final byte[] prefix = new byte[PREFIX];
    private int prefixLength;
    private long count;
    private StructureParser parser;
    private ImageFormat format;
    private ImageRejected rejection;
    private ImageFacts facts;
    private boolean eof;

    /** @param declared the type the uploader declared, or null to accept any of the three */
    public ImageInspectingStream(InputStream in, ImageLimits limits, ImageFormat declared) {
        super(in);
        this.limits = limits;
        this.declared = declared;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (rejection != null) {
            throw rejection;
        }
        if (eof) {
            return -1;
        }
        int n = in.read(b, off, len);
        try {
            if (n < 0) {
                eof = true;
                atEnd();
            } else if (n > 0) {
                inspect(b, off, n);
            }
        } catch (ImageRejected e) {
            rejection = e;
            throw e;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: every byte is inspected once
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** The failure that refused the upload, if any (also thrown by the read that found it). */
    public Optional<ImageRejected> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** What the upload is; only once the end of the stream was reached with no rejection. */
    public ImageFacts facts() {
        if (facts == null) {
            throw new IllegalStateException(rejection != null
                    ? "the image was rejected: " + rejection.reason() : "the stream was not read to the end");
        }
        return facts;
    }

    private void inspect(byte[] b, int off, int n) throws ImageRejected {
        count += n;
        if (limits.bytesExceeded(count)) {
            throw new ImageRejected(Reason.TOO_LARGE_FILE, "The file is larger than the " + limits.maxBytes() + " bytes allowed.");
        }
        sha256.update(b, off, n);
        if (parser != null) {
            parser.feed(b, off, n);
            return;
        }
        int copied = Math.min(PREFIX - prefixLength, n);
        System.arraycopy(b, off, prefix, prefixLength, copied);
        prefixLength += copied;
        ImageFormat detected = MagicBytes.detect(prefix, prefixLength);
        if (detected == null) {
            if (!MagicBytes.couldBeImage(prefix, prefixLength)) {
                throw notAnImage();
            }
            return;
        }
        if (declared != null && detected != declared) {
            throw new ImageRejected(Reason.TYPE_MISMATCH, "The file is " + detected.mediaType()
                    + ", not the declared " + declared.mediaType() + ".");
        }
        format = detected;
        parser = switch (detected) {
            case JPEG -> new JpegParser(this::checkPixels);
            case PNG -> new PngParser(this::checkPixels);
            case WEBP -> new WebpParser(this::checkPixels);
        };
        parser.feed(prefix, 0, prefixLength);
        parser.feed(b, off + copied, n - copied);
    }

    private void checkPixels(long width, long height) throws ImageRejected {
        if (width * height > limits.maxPixels()) {
            throw new ImageRejected(Reason.TOO_MANY_PIXELS, "The image has " + width + "x" + height
                    + " pixels, more than the " + limits.maxPixels() + " allowed.");
        }
    }

    private void atEnd() throws ImageRejected {
        if (parser == null) {
            throw count == 0 ? new ImageRejected(Reason.EMPTY, "The file is empty.") : notAnImage();
        }
        parser.finish();
        if (!parser.hasDimensions()) {
            throw ImageRejected.truncated();
        }
        facts = new ImageFacts(format, (int) parser.width(), (int) parser.height(), count,
                HexFormat.of().formatHex(sha256.digest()));
    }

    private static ImageRejected notAnImage() {
        return new ImageRejected(Reason.NOT_AN_IMAGE, "The file is not a JPEG, PNG or WebP image.");
    }
}
