package com.anastig.plugin.testkit.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.MailMessage;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.SendResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The behaviour every mail provider must show. A provider's IT subclasses this, supplies the sender
 * under test ({@link #createSender()}), a way to read back what the server received ({@link #inbox()})
 * and the ways it can fail ({@link #failureCases()}), and runs it against a real server.
 *
 * <p>Bodies are compared with line breaks normalised to {@code \n}: MIME carries text with CRLF.
 */
public abstract class MailContract {
    protected static final String NON_ASCII = "Grüße, 日本";
    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    private MailSender sender;

    /** A new sender for the server under test; the contract closes it after each test. */
    protected abstract MailSender createSender() throws Exception;

    /** Reads back what the server under test received. */
    protected abstract Inbox inbox();

    /** The ways this provider fails and the kinds it reports: at least one. */
    protected abstract List<FailureCase> failureCases();

    protected MailAddress fromAddress() {
        return new MailAddress("no-reply@anastig.test", "Anastig Überblick");
    }

    protected final MailSender sender() throws Exception {
        if (sender == null) {
            sender = createSender();
        }
        return sender;
    }

    @AfterEach
    void closeSender() {
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }

    @Test
    void sendReturnsANonBlankProviderMessageId() throws Exception {
        SendResult first = sender().send(MailMessage.of(fromAddress(), MailAddress.of("ada@example.test"), "One", "one", null));
        SendResult second = sender().send(MailMessage.of(fromAddress(), MailAddress.of("ada@example.test"), "Two", "two", null));
        assertThat(first.providerMessageId()).isNotBlank();
        assertThat(second.providerMessageId()).isNotBlank().isNotEqualTo(first.providerMessageId());
        assertThat(received(first).subject()).isEqualTo("One");
        assertThat(received(second).subject()).isEqualTo("Two");
    }

    @Test
    void fromToReplyToAndSubjectArriveExactly() throws Exception {
        MailAddress to = new MailAddress("ada@example.test", "Ada Lovelace");
        MailAddress replyTo = new MailAddress("support@anastig.test", "Anastig Support");
        MailMessage message = new MailMessage(fromAddress(), List.of(to), replyTo, "Your invitation to Vision Lab",
            "Hello Ada", null, Map.of());
        ReceivedMail got = received(sender().send(message));
        assertThat(got.from()).isEqualTo(fromAddress());
        assertThat(got.to()).containsExactly(to);
        assertThat(got.replyTo()).isEqualTo(replyTo);
        assertThat(got.subject()).isEqualTo("Your invitation to Vision Lab");
    }

    @Test
    void textAndHtmlBodiesArriveIntactAsAlternatives() throws Exception {
        String text = "Hallo!\n" + NON_ASCII + "\nLink: https://anastig.test/verify?t=abc";
        String html = "<html><body><p>Hallo!</p><p>" + NON_ASCII + "</p><a href=\"https://anastig.test/verify?t=abc\">verify</a></body></html>";
        ReceivedMail got = received(sender().send(MailMessage.of(fromAddress(), MailAddress.of("ada@example.test"),
            NON_ASCII, text, html)));
        assertThat(normalized(got.textBody())).isEqualTo(text);
        assertThat(normalized(got.htmlBody())).isEqualTo(html);
        assertThat(got.subject()).isEqualTo(NON_ASCII);
        if (got.contentType() != null) {
            assertThat(got.contentType()).isEqualTo("multipart/alternative");
        }
    }

    @Test
    void aLongBodyArrivesIntact() throws Exception {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; i < 3000; i++) {
            text.append("Line ").append(i).append(": ").append(NON_ASCII).append(", the quick brown fox jumps.\n");
            html.append("<p>Line ").append(i).append(": ").append(NON_ASCII).append("</p>\n");
        }
        text.append("x".repeat(10_000)).append(" end");
        html.append("<p>").append("y".repeat(10_000)).append("</p></body></html>");
        ReceivedMail got = received(sender().send(MailMessage.of(fromAddress(), MailAddress.of("ada@example.test"),
            "Long", text.toString(), html.toString())));
        assertThat(normalized(got.textBody())).isEqualTo(text.toString());
        assertThat(normalized(got.htmlBody())).isEqualTo(html.toString());
    }

    @Test
    void extraHeadersArrive() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Anastig-Message", "verify-email");
        headers.put("List-Unsubscribe", "<https://anastig.test/unsubscribe?t=abc>");
        ReceivedMail got = received(sender().send(new MailMessage(fromAddress(), List.of(MailAddress.of("ada@example.test")),
            null, "Headers", "body", null, headers)));
        assertThat(got.header("X-Anastig-Message")).contains("verify-email");
        assertThat(got.header("List-Unsubscribe")).contains("<https://anastig.test/unsubscribe?t=abc>");
    }

    @Test
    void everyRecipientArrivesInOrder() throws Exception {
        List<MailAddress> to = List.of(new MailAddress("ada@example.test", "Ada"), MailAddress.of("grace@example.test"),
            new MailAddress("linus@example.test", "Linus T."));
        ReceivedMail got = received(sender().send(new MailMessage(fromAddress(), to, null, "Team", "hi all", null, Map.of())));
        assertThat(got.to()).containsExactlyElementsOf(to);
    }

    @Test
    void aTextOnlyMessageHasNoHtmlBody() throws Exception {
        ReceivedMail got = received(sender().send(MailMessage.of(fromAddress(), MailAddress.of("ada@example.test"),
            "Plain", "just text, " + NON_ASCII, null)));
        assertThat(normalized(got.textBody())).isEqualTo("just text, " + NON_ASCII);
        assertThat(got.htmlBody()).isNull();
        if (got.contentType() != null) {
            assertThat(got.contentType()).isEqualTo("text/plain");
        }
    }

    @Test
    void lineBreaksAreRefusedBeforeAnythingIsSent() {
        MailAddress to = MailAddress.of("ada@example.test");
        assertRefused(() -> MailMessage.of(fromAddress(), to, "Hi\r\nBcc: eve@example.test", "t", null));
        assertRefused(() -> MailMessage.of(fromAddress(), to, "Hi\nBcc: eve@example.test", "t", null));
        assertRefused(() -> MailAddress.of("ada@example.test\r\nBcc: eve@example.test"));
        assertRefused(() -> new MailAddress("ada@example.test", "Ada\r\nBcc: eve@example.test"));
        assertRefused(() -> new MailMessage(fromAddress(), List.of(to), null, "s", "t", null,
            Map.of("X-Note", "a\r\nBcc: eve@example.test")));
        assertRefused(() -> new MailMessage(fromAddress(), List.of(to), null, "s", "t", null, Map.of("Bcc", "eve@example.test")));
        assertRefused(() -> new MailMessage(fromAddress(), List.of(to), null, "s", "t", null, Map.of("X Bad:", "v")));
    }

    @Test
    void aLongNonAsciiSubjectIsEncodedWithoutCreatingHeaders() throws Exception {
        String subject = ("Bcc: eve@example.test " + NON_ASCII + " X-Injected: yes; ").repeat(12).trim();
        MailAddress to = MailAddress.of("ada@example.test");
        ReceivedMail got = received(sender().send(MailMessage.of(fromAddress(), to, subject, "body", null)));
        assertThat(got.subject()).isEqualTo(subject);
        assertThat(got.to()).containsExactly(to);
        assertThat(got.headers().keySet()).doesNotContain("Bcc", "X-Injected");
        if (got.rawSubject() != null) {
            assertThat(got.rawSubject()).as("RFC 2047 keeps the header ASCII").matches("\\p{ASCII}*").contains("=?");
            for (String line : got.rawSubject().split("\r\n|\n")) {
                assertThat(line.length()).as("folded header line").isLessThanOrEqualTo(998);
            }
        }
    }

    @Test
    void selfTestPasses() throws Exception {
        SelfTestReport report = sender().selfTest();
        assertThat(report.ok()).as("self-test %s", report.steps()).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> failuresMapToProviderExceptionKinds() {
        List<FailureCase> cases = failureCases();
        assertThat(cases).as("a provider documents at least one failure").isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checkFailure(c)));
    }

    private void checkFailure(FailureCase failure) {
        MailAddress to = new MailAddress("ada@example.test", "Ada Lovelace");
        try (MailSender failing = failure.sender().get()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> failing.send(MailMessage.of(fromAddress(), to, "Failing", "body", null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(failure.expected());
                    assertThat(String.valueOf(e.getMessage())).doesNotContain("ada@", "no-reply@");
                });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(failure.within());
            start = System.nanoTime();
            SelfTestReport report = failing.selfTest();
            assertThat(report.ok()).as("self-test %s", report.steps()).isFalse();
            assertThat(report.firstFailure()).isPresent();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(failure.within());
        }
    }

    /** Waits for the message the provider accepted under this id to arrive, and returns it. */
    protected final ReceivedMail received(SendResult result) throws Exception {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (true) {
            Optional<ReceivedMail> found = inbox().find(result.providerMessageId());
            if (found.isPresent()) {
                assertThat(found.get().providerMessageId()).isEqualTo(result.providerMessageId());
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                return fail("no message with id " + result.providerMessageId() + " arrived within " + ARRIVAL);
            }
            Thread.sleep(50);
        }
    }

    protected static String normalized(String body) {
        return body == null ? null : body.replace("\r\n", "\n");
    }

    private static void assertRefused(Runnable build) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_REQUEST));
    }
}
