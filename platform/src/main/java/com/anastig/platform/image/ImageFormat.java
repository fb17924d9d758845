package com.anastig.platform.image;

import java.util.Locale;
import java.util.Optional;

/** The image formats the platform accepts, with their media type and usual file extension. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp");

    private final String mediaType;
    private final String extension;

    ImageFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format of a media type, ignoring case and parameters ("image/PNG; charset=x" is PNG). */
    public static Optional<ImageFormat> ofMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        int semicolon = mediaType.indexOf(';');
        String essence = (semicolon >= 0 ? mediaType.substring(0, semicolon) : mediaType)
                .trim().toLowerCase(Locale.ROOT);
        for (ImageFormat format : values()) {
            if (format.mediaType.equals(essence)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
