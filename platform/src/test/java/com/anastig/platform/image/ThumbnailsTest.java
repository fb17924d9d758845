package com.anastig.platform.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {

    private static final ImageLimits LIMITS = new ImageLimits(100_000_000, 0);
    private final Thumbnails thumbnails = new Thumbnails(256, 4L * 256 * 256 * 4);

    private Thumbnails.Thumbnail thumbnail(byte[] bytes) throws Exception {
        ImageFacts facts = ImageInspector.inspect(new ByteArrayInputStream(bytes), LIMITS, null);
        return thumbnails.make(new ByteArrayInputStream(bytes), facts);
    }

    private static BufferedImage read(Thumbnails.Thumbnail thumbnail) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
        assertThat(image.getWidth()).isEqualTo(thumbnail.width());
        assertThat(image.getHeight()).isEqualTo(thumbnail.height());
        return image;
    }

    @Test
    void aLargeJpegBecomesASmallJpegWithItsAspect() throws Exception {
        Thumbnails.Thumbnail thumbnail = thumbnail(TestImages.jpeg(4000, 3000, false));
        assertThat(thumbnail.mediaType()).isEqualTo("image/jpeg");
        assertThat(thumbnail.width()).isEqualTo(256);
        assertThat(thumbnail.height()).isEqualTo(192);
        assertThat(read(thumbnail).getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void aProgressivePortraitJpeg() throws Exception {
        Thumbnails.Thumbnail thumbnail = thumbnail(TestImages.jpeg(600, 1200, true));
        assertThat(thumbnail.width()).isEqualTo(128);
        assertThat(thumbnail.height()).isEqualTo(256);
    }

    @Test
    void aPngWithAlphaStaysPng() throws Exception {
        Thumbnails.Thumbnail thumbnail = thumbnail(TestImages.png(1000, 500, true));
        assertThat(thumbnail.mediaType()).isEqualTo("image/png");
        assertThat(thumbnail.width()).isEqualTo(256);
        assertThat(thumbnail.height()).isEqualTo(128);
        assertThat(read(thumbnail).getColorModel().hasAlpha()).isTrue();
    }

    @Test
    void smallImagesAreNotEnlarged() throws Exception {
        Thumbnails.Thumbnail thumbnail = thumbnail(TestImages.png(100, 40, false));
        assertThat(thumbnail.mediaType()).isEqualTo("image/jpeg");
        assertThat(thumbnail.width()).isEqualTo(100);
        assertThat(thumbnail.height()).isEqualTo(40);
    }

    @Test
    void webpIsDecoded() throws Exception {
        Thumbnails.Thumbnail lossless = thumbnail(TestImages.WEBP_LOSSLESS_5X3);
        assertThat(lossless.width()).isEqualTo(5);
        assertThat(lossless.height()).isEqualTo(3);
        read(lossless);
        Thumbnails.Thumbnail lossy = thumbnail(TestImages.WEBP_LOSSY_5X3);
        assertThat(lossy.mediaType()).isEqualTo("image/jpeg");
        read(lossy);
        Thumbnails.Thumbnail alpha = thumbnail(TestImages.WEBP_ALPHA_4X2);
        assertThat(alpha.mediaType()).isEqualTo("image/png");
        assertThat(alpha.width()).isEqualTo(4);
        read(alpha);
    }

    @Test
    void subsamplingKeepsTheDecodedRasterUnderTheCap() {
        long cap = 4L * 256 * 256 * 4;
        for (int[] size : new int[][] {{4000, 3000}, {100_000, 100}, {30_000, 30_000}, {300, 200}, {65_535, 65_535}}) {
            int step = Thumbnails.subsampling(size[0], size[1], 256, cap);
            long w = (size[0] + step - 1) / step;
            long h = (size[1] + step - 1) / step;
            assertThat(w * h).as("%dx%d step %d", size[0], size[1], step).isLessThanOrEqualTo(cap);
            assertThat(Math.max(w, h)).as("still sharp enough").isGreaterThanOrEqualTo(Math.min(256, Math.max(size[0], size[1])));
        }
        assertThat(Thumbnails.subsampling(4000, 3000, 256, cap)).isEqualTo(7);
    }
}
