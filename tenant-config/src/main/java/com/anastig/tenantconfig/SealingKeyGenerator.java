package com.anastig.tenantconfig;

import java.security.SecureRandom;

/**
 * Prints a new random AES-256 sealing key in base64, for the {@code sealing.keys} section:
 * {@code java -cp tenant-config.jar com.anastig.tenantconfig.SealingKeyGenerator}
 * (or {@code openssl rand -base64 32}). Add it under a new key id, make that id current, keep the
 * old key until the re-seal job has finished, and back the key up before the first value is sealed.
 */
public final class SealingKeyGenerator {
    private SealingKeyGenerator() {
    }

    public static void main(String[] args) {
        System.out.println(SealingKeys.generateKeyBase64(new SecureRandom()));
    }
}
