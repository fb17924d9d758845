package com.anastig.platform.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the sealing keys come from (they encrypt MFA secrets, bucket credentials and queued mail).
 * Either {@code currentKeyId} with {@code keys} (key id to base64 of 32 random bytes; production
 * passes them as environment variables), or a {@code keysFile} holding the same as JSON, which the
 * embedded default creates on first start when {@code generateIfMissing} is true. Keep retired keys
 * listed until the re-seal job has moved every value to the current key. Back the keys up: values
 * sealed under a lost key are lost, and start-up refuses to run without a key it needs.
 */
public record SealingSection(String currentKeyId, Map<String, String> keys, Path keysFile, Boolean generateIfMissing) {
    public SealingSection {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        generateIfMissing = generateIfMissing != null && generateIfMissing;
    }

    @jakarta.validation.constraints.AssertTrue(message = "sealing needs either currentKeyId and keys, or keysFile")
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isComplete() {
        return (currentKeyId != null && !keys.isEmpty()) || keysFile != null;
    }

    @Override
    public String toString() {
        return "SealingSection[currentKeyId=" + currentKeyId + ", keys=" + keys.keySet() + ", keysFile=" + keysFile + "]";
    }
}
