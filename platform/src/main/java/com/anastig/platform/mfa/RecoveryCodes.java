package com.anastig.platform.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Ten single-use recovery codes such as {@code K7QM-2XPD-9RWT-HB4N} (16 characters from a 32-letter
 * alphabet without look-alikes: 80 random bits). They are stored as SHA-256 of their normalised
 * form: random codes of this length need no slow hash, unlike passwords.
 */
public final class RecoveryCodes {
    public static final int COUNT = 10;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final SecureRandom random = new SecureRandom();

    /** A new set, as shown once to the person. */
    public List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder sb = new StringBuilder(19);
            for (int j = 0; j < 16; j++) {
                if (j > 0 && j % 4 == 0) {
                    sb.append('-');
                }
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            codes.add(sb.toString());
        }
        return codes;
    }

    /** The stored form of a code as typed (case, spaces and hyphens do not matter); null if it cannot be one. */
    public static String hash(String typed) {
        if (typed == null || typed.length() > 64) {
            return null;
        }
        String n = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (n.length() != 16 || !n.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(n.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
