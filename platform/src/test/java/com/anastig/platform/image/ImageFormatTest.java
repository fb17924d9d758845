package com.anastig.platform.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageFormatTest {

    @Test
    void mediaTypesAreMatchedIgnoringCaseAndParameters() {
        assertThat(ImageFormat.ofMediaType("image/jpeg")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.ofMediaType("IMAGE/PNG; charset=binary")).contains(ImageFormat.PNG);
        assertThat(ImageFormat.ofMediaType(" image/webp ")).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.ofMediaType("image/svg+xml")).isEmpty();
        assertThat(ImageFormat.ofMediaType("image/jpg")).isEmpty();
        assertThat(ImageFormat.ofMediaType(null)).isEmpty();
        assertThat(ImageFormat.WEBP.extension()).isEqualTo("webp");
        assertThat(ImageFormat.JPEG.mediaType()).isEqualTo("image/jpeg");
    }
}
