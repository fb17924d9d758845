package com.anastig.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailMessageTest {
    private final MailAddress from = new MailAddress("no-reply@anastig.test", "Anastig");
    private final MailAddress to = MailAddress.of("person@example.test");

    @Test
    void refusesSubjectWithLineBreaks() {
        assertThatThrownBy(() -> MailMessage.of(from, to, "hi\r\nBcc: victim@example.test", "t", null))
            .isInstanceOf(ProviderException.class);
    }

    @Test
    void refusesAddressWithLineBreaks() {
        assertThatThrownBy(() -> MailAddress.of("a@b.test\r\nBcc: c@d.test")).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> new MailAddress("a@b.test", "Name\nBcc: c@d.test")).isInstanceOf(ProviderException.class);
    }

    @Test
    void refusesStructuralAndInjectedHeaders() {
        assertThatThrownBy(() -> new MailMessage(from, List.of(to), null, "s", "t", null, Map.of("Bcc", "x@y.test")))
            .isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> new MailMessage(from, List.of(to), null, "s", "t", null, Map.of("X-A", "v\r\nBcc: x@y.test")))
            .isInstanceOf(ProviderException.class);
    }

    @Test
    void neverPrintsAddresses() {
        MailMessage m = new MailMessage(from, List.of(to), null, "s", "t", null, Map.of("X-Anastig-Kind", "verify"));
        assertThat(m.toString()).doesNotContain("person");
        assertThat(to.toString()).doesNotContain("person");
    }
}
