package com.anastig.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The list conventions of the API: {@code ?limit=} (default 50, at most 500) and an opaque
 * {@code ?cursor=}, answered as {@code {"items": [...], "nextCursor": ...}}. A cursor is base64url of
 * the position it stands for (for keyset paging); anything that does not decode is 400
 * {@code invalid_cursor}, an unusable limit 400 {@code invalid_limit}.
 */
public record Paging(int limit, Optional<String> position) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Parses the query parameters (either may be null). */
    public static Paging of(String limit, String cursor) {
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw ApiException.badRequest("invalid_limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
            }
        }
        if (cursor == null || cursor.isEmpty()) {
            return new Paging(n, Optional.empty());
        }
        try {
            if (cursor.length() > 512) {
                throw new IllegalArgumentException();
            }
            return new Paging(n, Optional.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    /** The position as the id it stands for (lists keyed by id); 400 {@code invalid_cursor} when it is not one. */
    public java.util.Optional<java.util.UUID> idPosition() {
        try {
            return position.map(java.util.UUID::fromString);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    public static ApiException invalidCursor() {
        return ApiException.badRequest("invalid_cursor", "The cursor is not one this list handed out.");
    }

    public static String cursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One page from up to {@code limit + 1} fetched rows: the extra row only tells that there is a
     * next page, whose cursor is the position of the last row shown.
     */
    public <R, V> Page<V> page(List<R> fetched, Function<R, String> positionOf, Function<R, V> view) {
        boolean more = fetched.size() > limit;
        List<R> shown = more ? fetched.subList(0, limit) : fetched;
        String next = more ? cursor(positionOf.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }

    /** A page on the wire. */
    public record Page<V>(List<V> items, String nextCursor) {
    }
}
