package com.anastig.platform.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The throttle section: allauth-like defaults, per-limit overrides, unknown names and bad rates refused. */
class ThrottleConfigTest {
    @TempDir
    Path dir;

    private ThrottleConfig load(String yaml) throws Exception {
        Path file = dir.resolve("throttle.yml");
        Files.writeString(file, yaml);
        return new YamlConfigurationFactory<>(ThrottleConfig.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
            .build(new FileConfigurationSourceProvider(), file.toString());
    }

    private static void assertRate(ThrottleConfig c, Limit limit, long capacity, Duration per) {
        assertThat(c.rate(limit).capacity()).as(limit.configName()).isEqualTo(capacity);
        assertThat(c.rate(limit).per().toSeconds()).as(limit.configName()).isEqualTo(per.toSeconds());
    }

    @Test
    void defaultsFollowAllauth() throws Exception {
        for (ThrottleConfig c : new ThrottleConfig[] {ThrottleConfig.defaults(), load("{}"), load("limits: {}\n")}) {
            assertRate(c, Limit.LOGIN_FAILURES_PER_IP, 10, Duration.minutes(1));
            assertRate(c, Limit.LOGIN_FAILURES_PER_EMAIL, 5, Duration.minutes(5));
            assertRate(c, Limit.SIGN_UP_PER_IP, 20, Duration.minutes(1));
            assertRate(c, Limit.VERIFICATION_RESEND_PER_IP, 20, Duration.minutes(1));
            assertRate(c, Limit.VERIFICATION_RESEND_PER_EMAIL, 1, Duration.minutes(3));
            assertRate(c, Limit.PASSWORD_RESET_PER_IP, 20, Duration.minutes(1));
            assertRate(c, Limit.PASSWORD_RESET_PER_EMAIL, 5, Duration.minutes(1));
            assertRate(c, Limit.MFA_FAILURES_PER_ACCOUNT, 5, Duration.minutes(5));
            assertRate(c, Limit.MFA_FAILURES_PER_IP, 10, Duration.minutes(1));
            assertRate(c, Limit.PASSWORD_CHANGE_PER_ACCOUNT, 5, Duration.minutes(1));
            assertRate(c, Limit.EMAIL_CHANGE_PER_ACCOUNT, 10, Duration.minutes(1));
            assertRate(c, Limit.API_PER_TOKEN, 600, Duration.minutes(1));
            assertRate(c, Limit.API_PER_ORGANIZATION, 3000, Duration.minutes(1));
            assertThat(c.limits()).hasSize(Limit.values().length);
        }
    }

    @Test
    void everyLimitHasItsKind() {
        assertThat(Limit.LOGIN_FAILURES_PER_EMAIL.kind()).isEqualTo(SubjectKind.EMAIL);
        assertThat(Limit.MFA_FAILURES_PER_ACCOUNT.kind()).isEqualTo(SubjectKind.ACCOUNT);
        assertThat(Limit.API_PER_TOKEN.kind()).isEqualTo(SubjectKind.API_TOKEN);
        assertThat(Limit.API_PER_ORGANIZATION.kind()).isEqualTo(SubjectKind.ORGANIZATION);
        assertThat(Limit.SIGN_UP_PER_IP.kind()).isEqualTo(SubjectKind.IP);
    }

    @Test
    void oneLimitCanBeOverriddenAndTheOthersKeepTheirDefaults() throws Exception {
        ThrottleConfig c = load("limits:\n  loginFailuresPerEmail: {capacity: 3, per: 15m}\n  apiPerToken: {capacity: 100, per: 10s}\n");
        assertRate(c, Limit.LOGIN_FAILURES_PER_EMAIL, 3, Duration.minutes(15));
        assertRate(c, Limit.API_PER_TOKEN, 100, Duration.seconds(10));
        assertRate(c, Limit.LOGIN_FAILURES_PER_IP, 10, Duration.minutes(1));
    }

    @Test
    void anUnknownLimitIsRefusedAndTheKnownOnesNamed() {
        assertThatThrownBy(() -> load("limits:\n  loginFailurePerEmail: {capacity: 3, per: 15m}\n"))
            .isInstanceOf(ConfigurationValidationException.class)
            .hasMessageContaining("unknown limit")
            .satisfies(e -> {
                for (Limit l : Limit.values()) {
                    assertThat(e.getMessage()).contains(l.configName());
                }
            });
    }

    @Test
    void badRatesAreRefused() {
        for (String bad : new String[] {"{capacity: 0, per: 1m}", "{capacity: 5}", "{per: 1m}", "{capacity: 5, per: 0s}"}) {
            assertThatThrownBy(() -> load("limits:\n  signUpPerIp: " + bad + "\n"))
                .as(bad).isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("signUpPerIp");
        }
    }
}
