package com.anastig.plugin.api;

import java.util.Objects;

/**
 * Describes one setting a provider understands, for the operator listing and documentation.
 *
 * @param name         the key in {@link ProviderSettings}
 * @param secret       whether it is read from the secrets (never logged, sealed at rest)
 * @param required     whether validation fails without it
 * @param defaultValue the default, or null
 * @param description  one line
 */
public record SettingDescriptor(String name, boolean secret, boolean required, String defaultValue, String description) {
    public SettingDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }

    public static SettingDescriptor required(String name, String description) {
        return new SettingDescriptor(name, false, true, null, description);
    }

    public static SettingDescriptor optional(String name, String defaultValue, String description) {
        return new SettingDescriptor(name, false, false, defaultValue, description);
    }

    public static SettingDescriptor secret(String name, boolean required, String description) {
        return new SettingDescriptor(name, true, required, null, description);
    }
}
