package com.anastig.plugin.api;

import java.util.Objects;

/** One problem found while validating a provider's settings: which setting, and what is wrong. */
public record SettingProblem(String setting, String message) {
    public SettingProblem {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return setting + ": " + message;
    }
}
