package com.anastig.tenantconfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sealing section of the platform configuration: which key seals new values, and every key
 * (id to 32 bytes in base64) that may still open old ones. Keep retired keys until the re-seal job
 * has moved every value off them. {@code toString()} never prints a key.
 */
public record SealingConfig(@JsonProperty("currentKeyId") String currentKeyId,
                            @JsonProperty("keys") Map<String, String> keys) {

    public SealingConfig {
        keys = keys == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    @Override
    public String toString() {
        return "SealingConfig[currentKeyId=" + currentKeyId + ", keys=" + new TreeMap<>(keys).keySet() + " (values redacted)]";
    }
}
