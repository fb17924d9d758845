package com.anastig.platform.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP (RFC 6238): HMAC-SHA1, 6 digits, 30-second steps, accepting the step before and after. A code
 * is accepted only for a step later than the last one used, so it never works twice. Input that is
 * not exactly six ASCII digits is refused without computing anything.
 */
public final class Totp {
    static final int DIGITS = 6;
    static final long STEP_SECONDS = 30;
    private final SecureRandom random = new SecureRandom();

    /** A new 160-bit secret, Base32 (RFC 4648, no padding). */
    public String newSecret() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return Base32.encode(bytes);
    }

    /**
     * The step the code matches (now, one before or one after), if it is later than {@code lastUsedStep}.
     */
    public OptionalLong verify(String base32Secret, String code, Instant now, long lastUsedStep) {
        if (code == null) {
            return OptionalLong.empty();
        }
        String c = code.strip();
        if (c.length() != DIGITS || !c.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return OptionalLong.empty();
        }
        byte[] key = Base32.decode(base32Secret);
        long current = Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
        for (long step = current - 1; step <= current + 1; step++) {
            if (step > lastUsedStep && MessageDigest.isEqual(code(key, step, DIGITS).getBytes(), c.getBytes())) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The code for a time step (RFC 4226 dynamic truncation). */
    static String code(byte[] key, long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
            int mod = 1;
            for (int i = 0; i < digits; i++) {
                mod *= 10;
            }
            String s = Integer.toString(binary % mod);
            return "0".repeat(digits - s.length()) + s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The code for an instant (for enrolment checks and tests). */
    public String codeAt(String base32Secret, Instant at) {
        return code(Base32.decode(base32Secret), Math.floorDiv(at.getEpochSecond(), STEP_SECONDS), DIGITS);
    }
}
