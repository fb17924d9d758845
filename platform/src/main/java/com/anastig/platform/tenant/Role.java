package com.anastig.platform.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** A member's (or an API token's) role in an organization, from the strongest down. */
public enum Role {
    OWNER(4), ADMIN(3), EDITOR(2), VIEWER(1);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    public boolean atLeast(Role other) {
        return rank >= other.rank;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.wire().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    static Role fromJson(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("role must be owner, admin, editor or viewer"));
    }
}
