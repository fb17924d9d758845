package com.anastig.plugin.mail.resend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.MailMessage;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SelfTestStep;
import com.anastig.plugin.api.SendResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact HTTP request the real SDK sends through our client, and what the client refuses to do. */
class ResendRequestIT {
    private static final MailMessage MESSAGE = new MailMessage(new MailAddress("no-reply@anastig.test", "Anastig, Team"),
        List.of(new MailAddress("ada@example.test", "Ada Lovelace"), MailAddress.of("grace@example.test")),
        MailAddress.of("support@anastig.test"), "Grüße, 日本", "text body", "<p>html body</p>",
        Map.of("X-Anastig-Message", "verify-email"));

    private ResendFake fake;

    @BeforeEach
    void start() throws IOException {
        fake = new ResendFake();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theSdkSendsExactlyTheResendRequest() {
        SendResult result;
        try (MailSender sender = ResendTesting.sender(fake.baseUrl(), ResendFake.KEY, ResendTesting.loopback())) {
            result = sender.send(MESSAGE);
        }
        assertThat(fake.requests()).hasSize(1);
        ResendFake.Request request = fake.sent(result.providerMessageId()).orElseThrow();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/emails");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + ResendFake.KEY);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Accept")).isEqualTo("application/json");
        JsonNode json = request.json();
        assertThat(json.get("from").asText()).isEqualTo("\"Anastig, Team\" <no-reply@anastig.test>");
        assertThat(json.get("to")).extracting(JsonNode::asText)
            .containsExactly("Ada Lovelace <ada@example.test>", "grace@example.test");
        assertThat(json.get("subject").asText()).isEqualTo("Grüße, 日本");
        assertThat(json.get("text").asText()).isEqualTo("text body");
        assertThat(json.get("html").asText()).isEqualTo("<p>html body</p>");
        assertThat(json.get("reply_to")).extracting(JsonNode::asText).containsExactly("support@anastig.test");
        assertThat(json.get("headers").get("X-Anastig-Message").asText()).isEqualTo("verify-email");
        assertThat(json.path("bcc").isMissingNode() || json.path("bcc").isNull()).isTrue();
        assertThat(json.path("cc").isMissingNode() || json.path("cc").isNull()).isTrue();
    }

    @Test
    void theConfiguredHostNameIsResolvedByThePolicyAndSentAsHost() {
        ResendTesting.PinningPolicy policy = new ResendTesting.PinningPolicy();
        try (MailSender sender = ResendTesting.sender("http://api.resend.test:" + fake.port() + "/", ResendFake.KEY, policy)) {
            sender.send(MESSAGE);
        }
        assertThat(policy.asked).containsExactly("api.resend.test");
        assertThat(fake.requests()).singleElement().satisfies(r -> {
            assertThat(r.header("Host")).isEqualTo("api.resend.test:" + fake.port());
            assertThat(r.path()).isEqualTo("/emails");
        });
    }

    @Test
    void redirectsAreNeverFollowed() {
        try (MailSender sender = ResendTesting.sender(fake.baseUrl() + "/moved", ResendFake.KEY, ResendTesting.loopback())) {
            assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INTERNAL));
        }
        assertThat(fake.requests()).extracting(ResendFake.Request::path).containsExactly("/moved/emails");
    }

    @Test
    void aSendingOnlyKeyPassesTheSelfTest() {
        try (MailSender sender = ResendTesting.sender(fake.baseUrl(), ResendFake.SENDING_ONLY, ResendTesting.loopback())) {
            assertThat(sender.selfTest().steps()).extracting(SelfTestStep::name, SelfTestStep::ok)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("resolve", true),
                    org.assertj.core.groups.Tuple.tuple("connect", true), org.assertj.core.groups.Tuple.tuple("auth", true));
        }
        assertThat(fake.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/domains");
        });
    }

    @Test
    void errorsNameTheStatusButNeverTheKeyOrAddresses() {
        try (MailSender sender = ResendTesting.sender(fake.baseUrl(), "re_wrong_secret_key", ResendTesting.loopback())) {
            assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.DENIED);
                assertThat(e.getMessage()).contains("403").doesNotContain("re_wrong_secret_key", "ada@", "no-reply@");
            });
            assertThat(sender.selfTest().steps()).allSatisfy(s -> assertThat(s.detail()).doesNotContain("re_wrong_secret_key"));
        }
    }
}
