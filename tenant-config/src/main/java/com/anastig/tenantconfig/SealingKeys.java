package com.anastig.tenantconfig;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that seal secrets, by key id, and the id of the one that seals new values.
 * {@code toString()} lists key ids only.
 */
public final class SealingKeys {
    public static final int KEY_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;

    private SealingKeys(String currentKeyId, Map<String, SecretKey> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** Keys given as raw bytes; each must be 32 bytes, and {@code currentKeyId} must be among them. */
    public static SealingKeys of(String currentKeyId, Map<String, byte[]> rawKeys) {
        if (rawKeys == null || rawKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one sealing key is required");
        }
        Map<String, SecretKey> keys = new TreeMap<>();
        rawKeys.forEach((id, bytes) -> {
            requireKeyId(id);
            if (bytes == null || bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("sealing key '" + id + "' must be exactly " + KEY_BYTES + " bytes");
            }
            keys.put(id, new SecretKeySpec(bytes.clone(), "AES"));
        });
        if (currentKeyId == null || !keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("the current sealing key id '" + currentKeyId + "' is not among the configured keys " + keys.keySet());
        }
        return new SealingKeys(currentKeyId, keys);
    }

    /** Keys from configuration, each given in base64 (standard alphabet). */
    public static SealingKeys fromConfig(SealingConfig config) {
        Map<String, byte[]> raw = new TreeMap<>();
        config.keys().forEach((id, base64) -> {
            try {
                raw.put(id, Base64.getDecoder().decode(base64 == null ? "" : base64.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sealing key '" + id + "' is not valid base64");
            }
        });
        return of(config.currentKeyId(), raw);
    }

    /** A fresh random key in base64, for the configuration (see {@link SealingKeyGenerator}). */
    public static String generateKeyBase64(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    public boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    SecretKey key(String keyId) {
        return keys.get(keyId);
    }

    static void requireKeyId(String id) {
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a sealing key id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return "SealingKeys[current=" + currentKeyId + ", keyIds=" + keys.keySet() + " (keys redacted)]";
    }
}
