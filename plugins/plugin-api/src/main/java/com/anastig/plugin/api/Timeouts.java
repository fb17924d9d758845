package com.anastig.plugin.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts a provider applies to every outbound connection: connecting, waiting for bytes on an
 * open connection, and one whole request (one part of a multipart upload counts as one request).
 */
public record Timeouts(Duration connect, Duration read, Duration call) {
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5));

    public Timeouts {
        requirePositive(connect, "connect");
        requirePositive(read, "read");
        requirePositive(call, "call");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive");
        }
    }
}
