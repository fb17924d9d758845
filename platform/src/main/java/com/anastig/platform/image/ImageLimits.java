package com.anastig.platform.image;

/**
 * What an upload may claim: at most {@code maxPixels} (width times height) and at most
 * {@code maxBytes} bytes; {@code maxBytes <= 0} means no byte limit.
 */
public record ImageLimits(long maxPixels, long maxBytes) {

    public ImageLimits {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive");
        }
    }

    boolean bytesExceeded(long count) {
        return maxBytes > 0 && count > maxBytes;
    }
}
