package com.anastig.platform.dataset;

/**
 * A COCO file {@link CocoReader} refuses. {@link #code()} is stable and machine-readable (not_object,
 * wrong_type, missing_field, invalid_value, too_deep, too_large, too_many_categories, too_many_images,
 * too_many_annotations, invalid_json); the message is safe to show: it names fields and positions, never
 * echoes the file's content.
 */
public final class CocoFormatException extends Exception {
    private final String code;

    public CocoFormatException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
