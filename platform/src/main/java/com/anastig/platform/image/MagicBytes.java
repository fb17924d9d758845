package com.anastig.platform.image;

/** The first bytes of each accepted format ({@code -1} matches any byte). */
final class MagicBytes {

    private static final int[] JPEG = {0xFF, 0xD8, 0xFF};
    private static final int[] PNG = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int[] WEBP = {'R', 'I', 'F', 'F', -1, -1, -1, -1, 'W', 'E', 'B', 'P'};

    private MagicBytes() {
    }

    /** The format whose whole signature the prefix holds, or null. */
    static ImageFormat detect(byte[] prefix, int length) {
        if (matches(JPEG, prefix, length) && length >= JPEG.length) {
            return ImageFormat.JPEG;
        }
        if (matches(PNG, prefix, length) && length >= PNG.length) {
            return ImageFormat.PNG;
        }
        if (matches(WEBP, prefix, length) && length >= WEBP.length) {
            return ImageFormat.WEBP;
        }
        return null;
    }

    /** Whether the prefix could still become one of the signatures. */
    static boolean couldBeImage(byte[] prefix, int length) {
        return matches(JPEG, prefix, length) || matches(PNG, prefix, length) || matches(WEBP, prefix, length);
    }

    private static boolean matches(int[] signature, byte[] prefix, int length) {
        for (int i = 0; i < Math.min(length, signature.length); i++) {
            if (signature[i] >= 0 && (prefix[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
