package com.anastig.platform.privacy;

import io.dropwizard.util.Duration;

/** Retention periods the operator sets (the others are fixed by the privacy policy, in {@link RetentionReport}). */
public record RetentionConfig(Duration errorFingerprints) {
    public RetentionConfig {
        errorFingerprints = errorFingerprints == null ? Duration.days(90) : errorFingerprints;
    }

    public static RetentionConfig defaults() {
        return new RetentionConfig(null);
    }
}
