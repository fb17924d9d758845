package com.anastig.platform.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An e-mail address as people type it, and its normalised form (trimmed, Unicode NFKC, lower-case)
 * which is what uniqueness, look-ups and throttles use, so "  Alice@Example.COM " and
 * "alice@example.com" are one account. Refuses anything that could inject a mail header or markup.
 */
public record EmailAddress(String value, String normalized) {
    private static final Pattern SHAPE = Pattern.compile("^[^\\s@<>()\\[\\],;:\"\\\\]{1,64}@[^\\s@<>()\\[\\],;:\"\\\\]+\\.[^\\s@<>()\\[\\],;:\"\\\\]+$");

    /** The address, or empty when it is not one we accept (too long, control characters, markup, no domain). */
    public static Optional<EmailAddress> parse(String raw) {
        if (raw == null || raw.length() > 320) {
            return Optional.empty();
        }
        String trimmed = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC);
        if (trimmed.length() > 254 || !SHAPE.matcher(trimmed).matches() || trimmed.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(trimmed, normalize(trimmed)));
    }

    /** The key form of an address (also for throttling), without checking it. */
    public static String normalize(String raw) {
        return Normalizer.normalize(raw == null ? "" : raw.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "EmailAddress[***]";
    }
}
