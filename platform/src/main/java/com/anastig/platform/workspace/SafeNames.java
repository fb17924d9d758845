package com.anastig.platform.workspace;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * File names from clients are untrusted: stored as a plain last path segment without control
 * characters, leading dots or more than 200 characters, and served in a {@code Content-Disposition}
 * that no name can break out of (an ASCII fallback plus the RFC 5987 UTF-8 form).
 */
public final class SafeNames {
    static final int MAX = 200;

    private SafeNames() {
    }

    /** A safe display name for an upload; {@code fallbackExtension} names an empty result. */
    public static String filename(String raw, String fallbackExtension) {
        String s = raw == null ? "" : raw;
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1);
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> !Character.isISOControl(c) && c != 0x2028 && c != 0x2029 && c != '"' && c != ';')
            .forEach(b::appendCodePoint);
        String out = b.toString().strip();
        while (out.startsWith(".")) {
            out = out.substring(1);
        }
        if (out.codePointCount(0, out.length()) > MAX) {
            int dot = out.lastIndexOf('.');
            String ext = dot > 0 && out.length() - dot <= 10 ? out.substring(dot) : "";
            out = out.substring(0, out.offsetByCodePoints(0, MAX - ext.length())) + ext;
        }
        return out.isEmpty() ? "file." + fallbackExtension : out;
    }

    /** {@code inline} or {@code attachment} with the name in both forms. */
    public static String contentDisposition(String disposition, String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return disposition + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
