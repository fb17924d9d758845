package com.anastig.tenantconfig;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets (bucket credentials, MFA secrets) with AES-256-GCM under the current key, a random
 * 96-bit nonce per value, and caller-supplied associated data. A sealed value reads
 * {@code v1:<keyId>:<base64(nonce|ciphertext|tag)>}; the version and key id are authenticated too.
 * Values sealed under any configured key open; {@link #reseal} moves one to the current key.
 */
public final class Sealer {
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;

    private final SealingKeys keys;
    private final SecureRandom random;

    public Sealer(SealingKeys keys) {
        this(keys, new SecureRandom());
    }

    public Sealer(SealingKeys keys, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.random = Objects.requireNonNull(random, "random");
    }

    public String currentKeyId() {
        return keys.currentKeyId();
    }

    /** Seals under the current key, bound to {@code aad}. */
    public String seal(String plaintext, Aad aad) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(aad, "aad");
        String keyId = keys.currentKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.key(keyId), nonce, keyId, aad);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new SealingException("sealing under key id '" + keyId + "' failed", keyId, e);
        }
    }

    /**
     * Opens a value sealed under any configured key.
     *
     * @throws SealingException for a malformed value, an unknown key id, tampering or other associated data
     */
    public String open(String sealed, Aad aad) {
        Objects.requireNonNull(aad, "aad");
        Parsed parsed = parse(sealed);
        SecretKey key = keys.key(parsed.keyId);
        if (key == null) {
            throw new SealingException("sealed value uses unknown key id '" + parsed.keyId + "'; configure that key to open it", parsed.keyId);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, parsed.nonce, parsed.keyId, aad);
            return new String(cipher.doFinal(parsed.body), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealingException("sealed value under key id '" + parsed.keyId
                    + "' failed authentication: tampered, or sealed for other associated data", parsed.keyId);
        } catch (GeneralSecurityException e) {
            throw new SealingException("opening a value under key id '" + parsed.keyId + "' failed", parsed.keyId, e);
        }
    }

    /** The value sealed under the current key; a value already under it is returned unchanged. */
    public String reseal(String sealed, Aad aad) {
        if (!needsReseal(sealed)) {
            open(sealed, aad);
            return sealed;
        }
        return seal(open(sealed, aad), aad);
    }

    /** True when the value is under a key other than the current one. */
    public boolean needsReseal(String sealed) {
        return !keys.currentKeyId().equals(keyIdOf(sealed));
    }

    /** The key id a sealed value names (without opening it). */
    public static String keyIdOf(String sealed) {
        return parse(sealed).keyId;
    }

    /** True when the value has the shape of a sealed value (it may still fail to open). */
    public static boolean isSealed(String value) {
        try {
            parse(value);
            return true;
        } catch (SealingException e) {
            return false;
        }
    }

    /** The key ids among these sealed values that no configured key matches: start-up refuses when not empty. */
    public Set<String> unknownKeyIds(Collection<String> sealedValues) {
        Set<String> unknown = new TreeSet<>();
        for (String value : sealedValues) {
            String id = keyIdOf(value);
            if (!keys.knows(id)) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId, Aad aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((VERSION + ":" + keyId + ":").getBytes(StandardCharsets.UTF_8));
        cipher.updateAAD(aad.encoded());
        return cipher;
    }

    private record Parsed(String keyId, byte[] nonce, byte[] body) {
    }

    private static Parsed parse(String sealed) {
        if (sealed == null) {
            throw new SealingException("no sealed value", null);
        }
        String[] parts = sealed.split(":", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new SealingException("not a sealed value of a known format", null);
        }
        String keyId = parts[1];
        try {
            SealingKeys.requireKeyId(keyId);
        } catch (IllegalArgumentException e) {
            throw new SealingException("sealed value has a malformed key id", null);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SealingException("sealed value under key id '" + keyId + "' is not valid base64", keyId);
        }
        if (raw.length < NONCE_BYTES + TAG_BYTES) {
            throw new SealingException("sealed value under key id '" + keyId + "' is truncated", keyId);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(raw, 0, nonce, 0, NONCE_BYTES);
        byte[] body = new byte[raw.length - NONCE_BYTES];
        System.arraycopy(raw, NONCE_BYTES, body, 0, body.length);
        return new Parsed(keyId, nonce, body);
    }
}
