package com.anastig.plugin.mail.resend;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResendMailProviderFactoryTest {
    private final ResendMailProviderFactory factory = new ResendMailProviderFactory();

    private static ProviderSettings settings(String baseUrl, String key) {
        return new ProviderSettings(baseUrl == null ? Map.of() : Map.of("baseUrl", baseUrl), key == null ? Map.of() : Map.of("apiKey", key));
    }

    @Test
    void describesItself() {
        assertThat(factory.id()).isEqualTo("resend");
        assertThat(factory.settings()).filteredOn(d -> d.name().equals("apiKey")).singleElement()
            .satisfies(d -> assertThat(d.secret()).isTrue());
        assertThat(factory.settings()).filteredOn(d -> d.name().equals("baseUrl")).singleElement()
            .satisfies(d -> assertThat(d.defaultValue()).isEqualTo("https://api.resend.com"));
    }

    @Test
    void theKeyIsRequiredAndTheDefaultBaseUrlIsValid() {
        assertThat(factory.validate(settings(null, null))).extracting(SettingProblem::setting).containsExactly("apiKey");
        assertThat(factory.validate(settings(null, "re_123"))).isEmpty();
        assertThat(factory.validate(settings(null, "re 123"))).extracting(SettingProblem::setting).containsExactly("apiKey");
    }

    @Test
    void baseUrlsWithCredentialsQueriesOrOtherSchemesAreRefused() {
        for (String bad : new String[] {"ftp://api.resend.com", "https://user:pw@api.resend.com", "https://api.resend.com?x=1",
            "https://api.resend.com#f", "not a url"}) {
            assertThat(factory.validate(settings(bad, "re_123"))).as(bad).extracting(SettingProblem::setting).containsExactly("baseUrl");
        }
        assertThat(factory.validate(settings("https://eu.resend.example/api/", "re_123"))).isEmpty();
    }

    @Test
    void displayNamesAreQuotedWhenNeeded() {
        assertThat(ResendMailSender.format(MailAddress.of("a@b.test"))).isEqualTo("a@b.test");
        assertThat(ResendMailSender.format(new MailAddress("a@b.test", "Ada Lovelace"))).isEqualTo("Ada Lovelace <a@b.test>");
        assertThat(ResendMailSender.format(new MailAddress("a@b.test", "Doe, \"J\""))).isEqualTo("\"Doe, \\\"J\\\"\" <a@b.test>");
        assertThat(ResendFake.address("\"Doe, \\\"J\\\"\" <a@b.test>")).isEqualTo(new MailAddress("a@b.test", "Doe, \"J\""));
    }
}
