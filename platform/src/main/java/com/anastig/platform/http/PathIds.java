package com.anastig.platform.http;

import java.util.UUID;

/** Ids in paths: anything but a canonical UUID is answered like a missing resource (404). */
public final class PathIds {
    private PathIds() {
    }

    public static UUID uuid(String text) {
        if (text == null || text.length() != 36) {
            throw ApiException.notFound();
        }
        try {
            UUID id = UUID.fromString(text);
            if (!id.toString().equalsIgnoreCase(text)) {
                throw ApiException.notFound();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound();
        }
    }
}
