package com.anastig.tenantconfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * A scheme, host and port, compared exactly: the unit the operator allow-lists. Host names are
 * compared case-insensitively and IP literals in their canonical form, so {@code [::1]} and
 * {@code [0:0::1]} are the same origin.
 */
public record Origin(String scheme, String host, int port) {
    public Origin {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = canonicalHost(host);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    /** The port a URL means when it names none. */
    public static int defaultPort(String scheme) {
        return "http".equalsIgnoreCase(scheme) ? 80 : 443;
    }

    static String canonicalHost(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        h = h.toLowerCase(Locale.ROOT);
        if (h.contains(":")) {
            try {
                // an IPv6 literal (checked by the caller): parsed, never looked up
                return InetAddress.getByName(h).getHostAddress();
            } catch (UnknownHostException e) {
                return h;
            }
        }
        return h;
    }

    @Override
    public String toString() {
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
