package com.anastig.plugin.mail.log;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * File names for the outbox that sort by time: {@code 20261128T151805.123Z-000000-3f9a1c2b.eml}.
 * Within one sender the time never goes backwards and a sequence breaks ties, so names are unique
 * and ordered; the random part keeps names from two senders sharing a folder apart.
 */
final class OutboxNames {
    static final String SUFFIX = ".eml";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
        .withZone(ZoneOffset.UTC);
    private static final int MAX_SEQUENCE = 999_999;

    private final Clock clock;
    private final SecureRandom random;
    private long lastMillis = Long.MIN_VALUE;
    private int sequence;

    OutboxNames(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    synchronized String next() {
        long now = clock.millis();
        if (now > lastMillis) {
            lastMillis = now;
            sequence = 0;
        } else if (sequence == MAX_SEQUENCE) {
            lastMillis++;
            sequence = 0;
        } else {
            sequence++;
        }
        byte[] tag = new byte[4];
        random.nextBytes(tag);
        return TIME.format(Instant.ofEpochMilli(lastMillis)) + "-" + String.format("%06d", sequence) + "-"
            + HexFormat.of().formatHex(tag) + SUFFIX;
    }

    /** The temporary name a message is written under before it is renamed: hidden, and not {@code .eml}. */
    static String temporaryName(String finalName) {
        return "." + finalName.substring(0, finalName.length() - SUFFIX.length()) + ".tmp";
    }
}
