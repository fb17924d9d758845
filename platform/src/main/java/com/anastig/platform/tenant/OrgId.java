package com.anastig.platform.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's id: the tenant as a type. {@link #PLATFORM} (the nil UUID) is the platform's own
 * scope, for its audit chain and its jobs; no organization has it.
 */
public record OrgId(UUID value) {
    public static final OrgId PLATFORM = new OrgId(new UUID(0, 0));

    public OrgId {
        Objects.requireNonNull(value, "value");
    }

    public static OrgId random() {
        return new OrgId(UUID.randomUUID());
    }

    /** Parses a path segment; anything but a canonical UUID is empty (the caller answers 404). */
    public static Optional<OrgId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? Optional.of(new OrgId(id)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @JsonCreator
    static OrgId fromJson(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an organization id"));
    }

    public boolean isPlatform() {
        return equals(PLATFORM);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
