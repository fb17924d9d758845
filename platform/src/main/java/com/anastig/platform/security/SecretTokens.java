package com.anastig.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The one place bearer secrets are made and hashed: 256 random bits as unpadded base64url (43
 * characters), stored only as their SHA-256. Sessions, mailed links, CSRF tokens and org-bound tokens
 * all use it.
 */
public final class SecretTokens {
    /** The shape of a plain token. */
    public static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final SecureRandom random = new SecureRandom();

    /** A fresh token. */
    public String next() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nextBytes(32));
    }

    public byte[] nextBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Whether a string has a plain token's shape (checked before any look-up). */
    public static boolean wellFormed(String token) {
        return token != null && token.length() == 43 && SHAPE.matcher(token).matches();
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }
}
