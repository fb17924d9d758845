package com.anastig.platform.throttle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code throttle:} section: every {@link Limit} by its config name, each a token bucket of
 * {@code capacity} tokens refilled evenly over {@code per}. Anything not configured keeps its
 * default; an unknown name is refused at start-up.
 *
 * <pre>
 * throttle:
 *   limits:
 *     loginFailuresPerEmail: {capacity: 5, per: 5m}
 * </pre>
 */
public record ThrottleConfig(Map<String, @Valid @NotNull Rate> limits) {

    /** {@code capacity} attempts, refilled evenly (greedily) over {@code per}. */
    public record Rate(@NotNull @Min(1) Long capacity, @NotNull Duration per) {
        @AssertTrue(message = "per must be positive")
        @JsonIgnore
        public boolean isPerPositive() {
            return per == null || per.toNanoseconds() > 0;
        }

        java.time.Duration period() {
            return java.time.Duration.ofNanos(per.toNanoseconds());
        }
    }

    public ThrottleConfig {
        Map<String, Rate> merged = new LinkedHashMap<>();
        for (Limit l : Limit.values()) {
            merged.put(l.configName(), l.defaultRate());
        }
        if (limits != null) {
            merged.putAll(limits);
        }
        limits = java.util.Collections.unmodifiableMap(merged);
    }

    public static ThrottleConfig defaults() {
        return new ThrottleConfig(null);
    }

    /** The rate in force for a limit. */
    public Rate rate(Limit limit) {
        return limits.get(limit.configName());
    }

    @AssertTrue(message = "names an unknown limit; the limits are loginFailuresPerIp, loginFailuresPerEmail, signUpPerIp, "
        + "verificationResendPerIp, verificationResendPerEmail, passwordResetPerIp, passwordResetPerEmail, mfaFailuresPerAccount, "
        + "mfaFailuresPerIp, passwordChangePerAccount, emailChangePerAccount, apiPerToken, apiPerOrganization")
    @JsonIgnore
    public boolean isEveryLimitKnown() {
        return limits.keySet().stream().allMatch(name -> Limit.byConfigName(name).isPresent());
    }
}
