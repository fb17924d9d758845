package com.anastig.platform.throttle;

import io.dropwizard.util.Duration;

/**
 * The named limits, each counting per one {@link SubjectKind}, with defaults modelled on
 * django-allauth's {@code ACCOUNT_RATE_LIMITS} (login_failed "10/m/ip,5/5m/key", signup "20/m/ip",
 * confirm_email "1/3m/key", reset_password "20/m/ip,5/m/key", change_password "5/m/user",
 * manage_email "10/m/user"). allauth has no per-IP resend limit (we use its sign-up rate), and no API
 * limits (ours: 600 a minute per token, 3,000 a minute per organization). The second factor is
 * throttled like the password step.
 *
 * <p>"Failures" limits are meant for {@link Throttle#check} before the attempt and
 * {@link Throttle#recordFailure} after a failed one (or {@link Throttle#consume} before and
 * {@link Throttle#refund} on success, which also caps concurrent guesses); the others for
 * {@link Throttle#consume} on every request.
 */
public enum Limit {
    LOGIN_FAILURES_PER_IP("loginFailuresPerIp", SubjectKind.IP, 10, Duration.minutes(1)),
    LOGIN_FAILURES_PER_EMAIL("loginFailuresPerEmail", SubjectKind.EMAIL, 5, Duration.minutes(5)),
    SIGN_UP_PER_IP("signUpPerIp", SubjectKind.IP, 20, Duration.minutes(1)),
    VERIFICATION_RESEND_PER_IP("verificationResendPerIp", SubjectKind.IP, 20, Duration.minutes(1)),
    VERIFICATION_RESEND_PER_EMAIL("verificationResendPerEmail", SubjectKind.EMAIL, 1, Duration.minutes(3)),
    PASSWORD_RESET_PER_IP("passwordResetPerIp", SubjectKind.IP, 20, Duration.minutes(1)),
    PASSWORD_RESET_PER_EMAIL("passwordResetPerEmail", SubjectKind.EMAIL, 5, Duration.minutes(1)),
    MFA_FAILURES_PER_ACCOUNT("mfaFailuresPerAccount", SubjectKind.ACCOUNT, 5, Duration.minutes(5)),
    MFA_FAILURES_PER_IP("mfaFailuresPerIp", SubjectKind.IP, 10, Duration.minutes(1)),
    PASSWORD_CHANGE_PER_ACCOUNT("passwordChangePerAccount", SubjectKind.ACCOUNT, 5, Duration.minutes(1)),
    EMAIL_CHANGE_PER_ACCOUNT("emailChangePerAccount", SubjectKind.ACCOUNT, 10, Duration.minutes(1)),
    API_PER_TOKEN("apiPerToken", SubjectKind.API_TOKEN, 600, Duration.minutes(1)),
    API_PER_ORGANIZATION("apiPerOrganization", SubjectKind.ORGANIZATION, 3000, Duration.minutes(1));

    private final String configName;
    private final SubjectKind kind;
    private final ThrottleConfig.Rate defaultRate;

    Limit(String configName, SubjectKind kind, long capacity, Duration per) {
        this.configName = configName;
        this.kind = kind;
        this.defaultRate = new ThrottleConfig.Rate(capacity, per);
    }

    /** The key of this limit under {@code throttle.limits} in the configuration. */
    public String configName() {
        return configName;
    }

    public SubjectKind kind() {
        return kind;
    }

    public ThrottleConfig.Rate defaultRate() {
        return defaultRate;
    }

    /** The limit a configuration key names, if any. */
    public static java.util.Optional<Limit> byConfigName(String name) {
        for (Limit l : values()) {
            if (l.configName.equals(name)) {
                return java.util.Optional.of(l);
            }
        }
        return java.util.Optional.empty();
    }
}
