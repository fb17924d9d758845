package com.anastig.platform.techdata;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Reduces a User-Agent header to a browser family and a device class, the only parts of it the
 * privacy policy lets us keep ("Firefox on desktop"). Parsing is done by uap-java (the ua-parser
 * project's shared regexes); its detailed answer is folded into a few coarse values so no version,
 * model or OS detail survives. The full header is never stored or logged, and only its first
 * {@value #MAX_CHARS} characters are looked at. Thread-safe; build one and share it (loading the
 * regexes takes a moment).
 */
public final class UserAgentSummary {
    /** Characters of the header considered; the rest is ignored. */
    public static final int MAX_CHARS = 512;
    private static final int CACHE_ENTRIES = 2048;
    /** The summary of a missing or unrecognisable header. */
    public static final Summary UNKNOWN = new Summary("Other", "unknown");

    private final Parser parser = new Parser();
    private final Map<String, Summary> cache = new ConcurrentHashMap<>();

    /** A browser family ({@code Chrome, Edge, Firefox, Opera, Safari, Samsung Internet, Other}) and a
     * device class ({@code desktop, mobile, tablet, bot, unknown}). */
    public record Summary(String browser, String device) {
        /** The stored form: {@code "Firefox on desktop"}. */
        public String text() {
            return browser + " on " + device;
        }
    }

    /** The summary of a User-Agent header value (null or blank gives {@link #UNKNOWN}). */
    public Summary summarize(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent.length() > MAX_CHARS ? userAgent.substring(0, MAX_CHARS) : userAgent;
        Summary cached = cache.get(ua);
        if (cached != null) {
            return cached;
        }
        Summary summary = classify(ua);
        if (cache.size() >= CACHE_ENTRIES) {
            cache.clear();
        }
        cache.put(ua, summary);
        return summary;
    }

    private Summary classify(String ua) {
        Client client = parser.parse(ua);
        return new Summary(browser(client.userAgent.family), device(ua, client));
    }

    private static String browser(String family) {
        String f = family == null ? "" : family;
        if (f.contains("Edge")) {
            return "Edge";
        }
        if (f.startsWith("Firefox")) {
            return "Firefox";
        }
        if (f.startsWith("Opera")) {
            return "Opera";
        }
        if (f.equals("Samsung Internet")) {
            return "Samsung Internet";
        }
        if (f.startsWith("Chrome") || f.equals("Chromium") || f.equals("HeadlessChrome")) {
            return "Chrome";
        }
        if (f.equals("Safari") || f.startsWith("Mobile Safari")) {
            return "Safari";
        }
        return "Other";
    }

    private static String device(String ua, Client client) {
        String device = client.device.family == null ? "" : client.device.family;
        String os = client.os.family == null ? "" : client.os.family;
        String lower = ua.toLowerCase(Locale.ROOT);
        if (device.equals("Spider") || lower.contains("bot") || lower.contains("crawler") || lower.contains("spider")) {
            return "bot";
        }
        if (device.equals("iPad") || device.startsWith("Kindle") || lower.contains("tablet")
            || (os.equals("Android") && !lower.contains("mobile"))) {
            return "tablet";
        }
        if (os.equals("iOS") || os.equals("Android") || device.equals("iPhone") || lower.contains("mobi")) {
            return "mobile";
        }
        if (os.startsWith("Windows") || os.equals("Mac OS X") || os.equals("Linux") || os.equals("Ubuntu")
            || os.equals("Chrome OS") || os.equals("Fedora") || os.equals("FreeBSD") || os.equals("Debian")) {
            return "desktop";
        }
        return "unknown";
    }
}
