package com.anastig.plugin.api;

import java.nio.charset.StandardCharsets;

/**
 * The one rule for object keys, applied by every provider before any backend call, so that a key can
 * never reach outside the store's prefix, whatever the backend would make of it. Keys are refused,
 * never normalised.
 *
 * <p>A key is 1 to 1024 UTF-8 bytes of '/'-separated segments; no segment is empty, {@code .} or
 * {@code ..}; it does not start with '/' and contains no backslash, NUL or other control character.
 * Spaces and any other Unicode are fine.
 */
public final class ObjectKeys {
    public static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {
    }

    /** Returns the key, or throws {@code INVALID_REQUEST} saying why it is refused. */
    public static String requireValidKey(String key) {
        String problem = problem(key, false);
        if (problem != null) {
            throw ProviderException.invalidRequest("object key refused: " + problem);
        }
        return key;
    }

    /**
     * Returns the listing prefix, or throws {@code INVALID_REQUEST}. A prefix may be empty and may
     * end with '/', otherwise the same rules apply.
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        String problem = problem(prefix, true);
        if (problem != null) {
            throw ProviderException.invalidRequest("key prefix refused: " + problem);
        }
        return prefix;
    }

    public static boolean isValidKey(String key) {
        return problem(key, false) == null;
    }

    private static String problem(String key, boolean prefix) {
        if (key == null || key.isEmpty()) {
            return "empty";
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return "longer than " + MAX_KEY_BYTES + " bytes";
        }
        if (key.startsWith("/")) {
            return "absolute";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == 0) {
                return "contains NUL";
            }
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character";
            }
            if (c == '\\') {
                return "contains a backslash";
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) {
                    return "not valid UTF-16";
                }
                i++;
            }
        }
        String body = prefix && key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty()) {
                return "has an empty segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' segment";
            }
        }
        return null;
    }
}
