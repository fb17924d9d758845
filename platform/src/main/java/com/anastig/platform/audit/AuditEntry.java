package com.anastig.platform.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What happened: an action such as {@code member.role_changed}, its target by type and opaque id, the
 * reason when one was given, and details that hold ids and counts only (never names, e-mail
 * addresses, secrets or annotation bodies).
 */
public record AuditEntry(String action, String targetType, String targetId, String reason, Map<String, Object> details) {

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        if (!action.matches("[a-z][a-z0-9_.-]{0,79}")) {
            throw new IllegalArgumentException("action must be a lower-case word");
        }
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    public static AuditEntry of(String action, String targetType, Object targetId) {
        return new AuditEntry(action, targetType, targetId == null ? null : targetId.toString(), null, Map.of());
    }

    public AuditEntry withReason(String why) {
        return new AuditEntry(action, targetType, targetId, why, details);
    }

    public AuditEntry with(String key, Object value) {
        Map<String, Object> more = new TreeMap<>(details);
        more.put(key, value);
        return new AuditEntry(action, targetType, targetId, reason, more);
    }
}
