package com.anastig.tenantconfig;

import java.util.Objects;

/**
 * One thing wrong with a setting: the JSON field it concerns, a stable snake_case code for clients,
 * and a human message. Messages name rules, never the offending secret.
 */
public record FieldProblem(String field, String code, String message) {
    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + code + " (" + message + ")";
    }
}
