package com.anastig.plugin.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
    private final SmtpMailProviderFactory factory = new SmtpMailProviderFactory();

    @Test
    void defaultsFollowTheSecurity() {
        assertThat(SmtpSettings.from(ProviderSettings.of(Map.of("host", "smtp.example.test"))))
            .extracting(SmtpSettings::port, SmtpSettings::security, SmtpSettings::localhost)
            .containsExactly(587, SmtpSettings.Security.STARTTLS, "localhost");
        assertThat(SmtpSettings.from(ProviderSettings.of(Map.of("host", "smtp.example.test", "security", "tls"))).port()).isEqualTo(465);
        assertThat(SmtpSettings.from(ProviderSettings.of(Map.of("host", "smtp.example.test", "security", "none"))).port()).isEqualTo(25);
    }

    @Test
    void everyProblemIsNamed() {
        ProviderSettings bad = ProviderSettings.of(Map.of("security", "ssl", "port", "70000", "username", "u", "localhost", "a b"));
        assertThat(factory.validate(bad)).extracting(SettingProblem::setting)
            .containsExactlyInAnyOrder("host", "security", "port", "password", "localhost");
        assertThatThrownBy(() -> SmtpSettings.from(bad)).isInstanceOfSatisfying(ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
    }

    @Test
    void thePasswordIsASecretAndNeverPrinted() {
        SmtpSettings settings = SmtpSettings.from(new ProviderSettings(Map.of("host", "smtp.example.test", "username", "mailer"),
            Map.of("password", "hunter2-secret")));
        assertThat(settings.password()).isEqualTo("hunter2-secret");
        assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("mailer");
        assertThat(factory.settings()).filteredOn(d -> d.name().equals("password")).singleElement()
            .satisfies(d -> assertThat(d.secret()).isTrue());
        assertThat(factory.id()).isEqualTo("smtp");
    }
}
