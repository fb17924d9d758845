package com.anastig.plugin.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings one provider instance is created with: plain values and secrets, both as strings.
 * They come from the operator's configuration (managed storage, mail) or from an organization's
 * storage setting (bring-your-own bucket). {@link #toString()} never prints a secret.
 */
public final class ProviderSettings {
    private final Map<String, String> values;
    private final Map<String, String> secrets;

    public ProviderSettings(Map<String, String> values, Map<String, String> secrets) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values == null ? Map.of() : values));
        this.secrets = Collections.unmodifiableMap(new TreeMap<>(secrets == null ? Map.of() : secrets));
    }

    public static ProviderSettings of(Map<String, String> values) {
        return new ProviderSettings(values, Map.of());
    }

    public static ProviderSettings empty() {
        return new ProviderSettings(Map.of(), Map.of());
    }

    public Map<String, String> values() {
        return values;
    }

    /** The names of the secrets, never their values. */
    public java.util.Set<String> secretNames() {
        return secrets.keySet();
    }

    public Optional<String> value(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public Optional<String> secret(String name) {
        String v = secrets.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** A required value; {@link ProviderException.Kind#INVALID_CONFIG} naming the setting if absent. */
    public String required(String name) {
        return value(name).orElseThrow(() -> ProviderException.invalidConfig("setting '" + name + "' is required"));
    }

    public String requiredSecret(String name) {
        return secret(name).orElseThrow(() -> ProviderException.invalidConfig("secret '" + name + "' is required"));
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw ProviderException.invalidConfig("setting '" + name + "' must be true or false");
        };
    }

    public long longValue(String name, long defaultValue) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.get().trim());
        } catch (NumberFormatException e) {
            throw ProviderException.invalidConfig("setting '" + name + "' must be a whole number");
        }
    }

    /** A duration in ISO-8601 ({@code PT30S}) or as plain seconds. */
    public Duration duration(String name, Duration defaultValue) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String s = v.get().trim();
        try {
            return s.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(s)) : Duration.parse(s);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ProviderException.invalidConfig("setting '" + name + "' must be a duration such as PT30S");
        }
    }

    public ProviderSettings withValue(String name, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(name, value);
        return new ProviderSettings(copy, secrets);
    }

    public ProviderSettings withSecret(String name, String value) {
        Map<String, String> copy = new TreeMap<>(secrets);
        copy.put(name, value);
        return new ProviderSettings(values, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderSettings other && values.equals(other.values) && secrets.equals(other.secrets);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + secrets.hashCode();
    }

    @Override
    public String toString() {
        return "ProviderSettings" + values + " secrets=" + secrets.keySet();
    }
}
