package com.anastig.platform.image;

import static com.anastig.platform.image.TestImages.WEBP_ALPHA_4X2;
import static com.anastig.platform.image.TestImages.WEBP_LOSSLESS_5X3;
import static com.anastig.platform.image.TestImages.WEBP_LOSSY_5X3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anastig.platform.image.ImageRejected.Reason;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageInspectingStreamTest {

    private static final ImageLimits LIMITS = new ImageLimits(100_000_000, 0);

    /** Reads the whole stream in reads of {@code size} bytes (1: the single-byte read()). */
    private static ImageFacts inspect(byte[] bytes, ImageFormat declared, ImageLimits limits, int size) throws IOException {
        ImageInspectingStream in = new ImageInspectingStream(new ByteArrayInputStream(bytes), limits, declared);
        drain(in, size);
        return in.facts();
    }

    private static void drain(InputStream in, int size) throws IOException {
        if (size == 1) {
            while (in.read() >= 0) {
                // one byte at a time
            }
        } else {
            byte[] buffer = new byte[size];
            while (in.read(buffer, 0, size) >= 0) {
                // the caller would store these
            }
        }
    }

    private static ImageRejected rejected(byte[] bytes, ImageFormat declared, ImageLimits limits) {
        return catchThrowableOfType(() -> inspect(bytes, declared, limits, 8192), ImageRejected.class);
    }

    private static Reason reason(byte[] bytes) {
        ImageRejected rejected = rejected(bytes, null, LIMITS);
        assertThat(rejected).as("rejected").isNotNull();
        return rejected.reason();
    }

    private static byte[] cut(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    private static void assertFacts(byte[] bytes, ImageFormat format, int width, int height) throws Exception {
        for (ImageFormat declared : Arrays.asList(format, null)) {
            ImageFacts facts = inspect(bytes, declared, LIMITS, 8192);
            assertThat(facts).isEqualTo(new ImageFacts(format, width, height, bytes.length, TestImages.sha256(bytes)));
        }
    }

    @Test
    void acceptsPng() throws Exception {
        assertFacts(TestImages.png(321, 123, false), ImageFormat.PNG, 321, 123);
        assertFacts(TestImages.png(17, 40, true), ImageFormat.PNG, 17, 40);
    }

    @Test
    void acceptsBaselineAndProgressiveJpeg() throws Exception {
        assertFacts(TestImages.jpeg(640, 480, false), ImageFormat.JPEG, 640, 480);
        byte[] progressive = TestImages.jpeg(333, 222, true);
        assertThat(indexOf(progressive, new byte[] {(byte) 0xFF, (byte) 0xC2})).as("SOF2").isPositive();
        assertFacts(progressive, ImageFormat.JPEG, 333, 222);
    }

    @Test
    void acceptsWebpLossyLosslessAndExtended() throws Exception {
        assertFacts(WEBP_LOSSLESS_5X3, ImageFormat.WEBP, 5, 3);
        assertFacts(WEBP_LOSSY_5X3, ImageFormat.WEBP, 5, 3);
        assertFacts(WEBP_ALPHA_4X2, ImageFormat.WEBP, 4, 2);
    }

    @Test
    void oneByteReadsAndBigReadsAgree() throws Exception {
        List<byte[]> samples = List.of(TestImages.png(50, 30, true), TestImages.jpeg(90, 70, false),
                TestImages.jpeg(90, 70, true), WEBP_LOSSLESS_5X3, WEBP_LOSSY_5X3, WEBP_ALPHA_4X2);
        for (byte[] sample : samples) {
            ImageFacts big = inspect(sample, null, LIMITS, 1 << 20);
            assertThat(inspect(sample, null, LIMITS, 1)).isEqualTo(big);
            assertThat(inspect(sample, null, LIMITS, 2)).isEqualTo(big);
            assertThat(inspect(sample, null, LIMITS, 7)).isEqualTo(big);
            assertThat(ImageInspector.inspect(new ByteArrayInputStream(sample), LIMITS, null)).isEqualTo(big);
        }
    }

    @Test
    void jpegTruncatedAnywhereIsCorruptButTrailingBytesAfterEoiAreTolerated() throws Exception {
        byte[] jpeg = TestImages.jpeg(200, 100, true);
        for (int length : new int[] {3, 4, 20, jpeg.length / 2, jpeg.length - 2, jpeg.length - 1}) {
            assertThat(reason(cut(jpeg, length))).as("cut at %d", length).isEqualTo(Reason.CORRUPT);
        }
        byte[] trailing = Arrays.copyOf(jpeg, jpeg.length + 100);
        assertThat(inspect(trailing, ImageFormat.JPEG, LIMITS, 8192).sizeBytes()).isEqualTo(trailing.length);
    }

    @Test
    void pngTruncatedOrWithDataAfterIendIsCorrupt() throws Exception {
        byte[] png = TestImages.png(60, 40, false);
        for (int length : new int[] {8, 12, 30, png.length / 2, png.length - 12, png.length - 1}) {
            ImageRejected rejected = rejected(cut(png, length), null, LIMITS);
            assertThat(rejected.reason()).as("cut at %d", length).isEqualTo(Reason.CORRUPT);
            assertThat(rejected.getMessage()).contains("truncated");
        }
        assertThat(reason(Arrays.copyOf(png, png.length + 1))).isEqualTo(Reason.CORRUPT);
    }

    @Test
    void pngWithOneFlippedByteInIdatIsCorrupt() {
        byte[] png = TestImages.png(60, 40, false);
        byte[] flipped = png.clone();
        flipped[TestImages.pngChunk(png, "IDAT") + 8 + 5] ^= 0x01;
        ImageRejected rejected = rejected(flipped, ImageFormat.PNG, LIMITS);
        assertThat(rejected.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(rejected.getMessage()).contains("checksum");
    }

    @Test
    void webpTruncatedOrWithInconsistentSizesIsCorrupt() {
        for (byte[] webp : List.of(WEBP_LOSSLESS_5X3, WEBP_LOSSY_5X3, WEBP_ALPHA_4X2)) {
            for (int length : new int[] {12, 16, 20, 30, webp.length - 1}) {
                assertThat(reason(cut(webp, length))).as("cut at %d", length).isEqualTo(Reason.CORRUPT);
            }
            assertThat(reason(Arrays.copyOf(webp, webp.length + 2))).isEqualTo(Reason.CORRUPT);
            byte[] riffTooSmall = webp.clone();
            riffTooSmall[4] -= 2;
            assertThat(reason(riffTooSmall)).isEqualTo(Reason.CORRUPT);
        }
    }

    @Test
    void pngDeclaredAsJpegIsATypeMismatch() {
        ImageFormat declared = ImageFormat.ofMediaType("image/jpeg").orElseThrow();
        assertThat(rejected(TestImages.png(10, 10, false), declared, LIMITS).reason()).isEqualTo(Reason.TYPE_MISMATCH);
        assertThat(rejected(WEBP_LOSSY_5X3, ImageFormat.PNG, LIMITS).reason()).isEqualTo(Reason.TYPE_MISMATCH);
    }

    @Test
    void htmlAndSvgAreNotImagesAndAreRefusedFromTheFirstBytes() throws Exception {
        String html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
        String svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                + "<rect width=\"10\" height=\"10\"/></svg>";
        for (String text : List.of(html, svg)) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ImageRejected rejected = rejected(bytes, null, LIMITS);
            assertThat(rejected.reason()).isEqualTo(Reason.NOT_AN_IMAGE);
            assertThat(rejected.getMessage()).doesNotContain("<");
            ImageInspectingStream in = new ImageInspectingStream(new ByteArrayInputStream(bytes), LIMITS, null);
            assertThatThrownBy(in::read).isInstanceOf(ImageRejected.class);
        }
        assertThat(reason("RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.NOT_AN_IMAGE);
        assertThat(reason(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEqualTo(Reason.NOT_AN_IMAGE);
    }

    @Test
    void zeroBytesAreEmpty() {
        assertThat(reason(new byte[0])).isEqualTo(Reason.EMPTY);
    }

    @Test
    void tooManyPixelsIsRefusedFromTheHeaderBeforeTheRestIsRead() throws Exception {
        byte[] claims = TestImages.withPngSize(TestImages.png(1, 1, false), 100_000, 100_000);
        CountingStream counting = new CountingStream(new ByteArrayInputStream(claims));
        ImageInspectingStream in = new ImageInspectingStream(counting, LIMITS, ImageFormat.PNG);
        ImageRejected rejected = catchThrowableOfType(() -> drain(in, 4), ImageRejected.class);
        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(counting.count).isLessThanOrEqualTo(24).isLessThan(claims.length);

        // a 50 MB stream behind such a header: refused within the first read
        CountingStream huge = new CountingStream(TestImages.hugePng(100_000, 100_000, 800, 64 * 1024));
        ImageRejected early = catchThrowableOfType(
                () -> ImageInspector.inspect(huge, LIMITS, null), ImageRejected.class);
        assertThat(early.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(huge.count).isLessThan(100_000);
    }

    @Test
    void zeroOrImpossibleSizesAreCorrupt() {
        byte[] png = TestImages.png(1, 1, false);
        assertThat(reason(TestImages.withPngSize(png, 0, 10))).isEqualTo(Reason.CORRUPT);
        assertThat(reason(TestImages.withPngSize(png, -1, 10))).isEqualTo(Reason.CORRUPT);
        byte[] jpeg = TestImages.jpeg(8, 8, false);
        int sof = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC0});
        jpeg[sof + 7] = 0;      // width
        jpeg[sof + 8] = 0;
        assertThat(reason(jpeg)).isEqualTo(Reason.CORRUPT);
    }

    @Test
    void moreBytesThanAllowedIsTooLarge() throws Exception {
        byte[] png = TestImages.png(100, 100, false);
        ImageLimits limits = new ImageLimits(100_000_000, png.length - 1);
        assertThat(rejected(png, null, limits).reason()).isEqualTo(Reason.TOO_LARGE_FILE);
        assertThat(inspect(png, null, new ImageLimits(100_000_000, png.length), 8192).sizeBytes()).isEqualTo(png.length);
    }

    @Test
    void aFiftyMegabytePngPassesThroughWithBoundedMemory() throws Exception {
        int chunks = 800;
        int size = 64 * 1024;
        ImageInspectingStream in = new ImageInspectingStream(TestImages.hugePng(8000, 6000, chunks, size), LIMITS, ImageFormat.PNG);
        long before = usedHeap();
        drain(in, 32 * 1024);
        long after = usedHeap();
        ImageFacts facts = in.facts();
        assertThat(facts.sizeBytes()).isEqualTo(TestImages.hugePngLength(chunks, size)).isGreaterThan(50_000_000);
        assertThat(facts.width()).isEqualTo(8000);
        assertThat(after - before).as("heap kept while the stream is still open").isLessThan(16L << 20);
    }

    @Test
    void rejectionIsRecordedEvenWhenAStorageClientWrapsTheException() {
        ImageInspectingStream in = new ImageInspectingStream(
                new ByteArrayInputStream(TestImages.png(10, 10, false)), LIMITS, ImageFormat.JPEG);
        Throwable wrapped = catchThrowableOfType(() -> {
            try {
                drain(in, 8192);
            } catch (IOException e) {
                throw new UncheckedIOException("upload failed", e);
            }
        }, UncheckedIOException.class);
        assertThat(wrapped).isNotNull();
        assertThat(in.rejection()).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.TYPE_MISMATCH));
        assertThatThrownBy(in::read).isInstanceOf(ImageRejected.class);
        assertThatThrownBy(in::facts).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void factsNeedTheWholeStream() throws Exception {
        ImageInspectingStream in = new ImageInspectingStream(new ByteArrayInputStream(WEBP_LOSSY_5X3), LIMITS, null);
        assertThat(in.read(new byte[10])).isEqualTo(10);
        assertThatThrownBy(in::facts).isInstanceOf(IllegalStateException.class);
        assertThat(in.skip(1000)).isEqualTo(WEBP_LOSSY_5X3.length - 10);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.rejection()).isEmpty();
        assertThat(in.facts().width()).isEqualTo(5);
    }

    @Test
    void randomReadSizesAgree() throws Exception {
        byte[] jpeg = TestImages.jpeg(300, 200, true);
        ImageFacts expected = inspect(jpeg, null, LIMITS, 8192);
        Random random = new Random(7);
        ImageInspectingStream in = new ImageInspectingStream(new ByteArrayInputStream(jpeg), LIMITS, null);
        byte[] buffer = new byte[100];
        while (in.read(buffer, 0, 1 + random.nextInt(buffer.length)) >= 0) {
            // varying sizes
        }
        assertThat(in.facts()).isEqualTo(expected);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count += c < 0 ? 0 : 1;
            return c;
        }
    }
}
