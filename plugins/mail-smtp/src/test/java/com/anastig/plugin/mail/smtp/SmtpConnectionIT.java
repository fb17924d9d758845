package com.anastig.plugin.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.MailMessage;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.SelfTestStep;
import com.anastig.plugin.api.SendResult;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DNS pinning, the policy veto, TLS host-name checks and the self-test steps against GreenMail. */
class SmtpConnectionIT {
    private static final MailMessage MESSAGE = MailMessage.of(new MailAddress("no-reply@anastig.test", "Anastig"),
        MailAddress.of("ada@example.test"), "Pinned", "body", "<p>body</p>");

    private static GreenMail smtp;
    private static GreenMail smtps;

    @BeforeAll
    static void start() {
        smtp = SmtpServers.start("smtp");
        smtps = SmtpServers.start("smtps");
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        smtps.stop();
    }

    private static MailSender sender(GreenMail server, String host, String security, OutboundPolicy policy) throws Exception {
        int port = server == smtps ? server.getSmtps().getPort() : server.getSmtp().getPort();
        return new SmtpMailProviderFactory().create(SmtpServers.settings(port, host, security, SmtpServers.PASSWORD),
            SmtpServers.context(policy), SmtpServers.trustingTestCertificate());
    }

    private static boolean arrived(GreenMail server, SendResult result) throws Exception {
        for (MimeMessage m : server.getReceivedMessages()) {
            if (result.providerMessageId().equals(m.getMessageID())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void connectsToTheAddressThePolicyReturnedForTheName() throws Exception {
        SmtpServers.PinningPolicy policy = new SmtpServers.PinningPolicy();
        try (MailSender sender = sender(smtp, "mail.anastig.test", "none", policy)) {
            SendResult result = sender.send(MESSAGE);
            assertThat(arrived(smtp, result)).isTrue();
        }
        assertThat(policy.asked).containsExactly("mail.anastig.test");
    }

    @Test
    void aVetoByThePolicySendsNothing() throws Exception {
        int before = smtp.getReceivedMessages().length;
        OutboundPolicy refuseAll = OutboundPolicy.filtered(SmtpServers.SHORT, address -> false);
        try (MailSender sender = sender(smtp, "127.0.0.1", "none", refuseAll)) {
            assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.DENIED));
            SelfTestReport report = sender.selfTest();
            assertThat(report.firstFailure()).map(SelfTestStep::name).contains("resolve");
        }
        assertThat(smtp.getReceivedMessages()).hasSize(before);
    }

    @Test
    void tlsVerifiesTheCertificateAgainstTheHostNameWhileConnectingToThePinnedAddress() throws Exception {
        try (MailSender sender = sender(smtps, "mail.anastig.test", "tls", new SmtpServers.PinningPolicy())) {
            SendResult result = sender.send(MESSAGE);
            assertThat(arrived(smtps, result)).isTrue();
            assertThat(sender.selfTest().ok()).isTrue();
        }
    }

    @Test
    void tlsRefusesACertificateForAnotherName() throws Exception {
        try (MailSender sender = sender(smtps, "other.anastig.test", "tls", new SmtpServers.PinningPolicy())) {
            assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.DENIED));
            assertThat(sender.selfTest().firstFailure()).map(SelfTestStep::name).contains("connect");
        }
    }

    @Test
    void selfTestReportsEveryStepAndABadLoginAsAuth() throws Exception {
        try (MailSender good = sender(smtp, "127.0.0.1", "none", SmtpServers.loopback(SmtpServers.SHORT))) {
            assertThat(good.selfTest().steps()).extracting(SelfTestStep::name).containsExactly("resolve", "connect", "auth");
        }
        MailSender bad = new SmtpMailProviderFactory().create(
            SmtpServers.settings(smtp.getSmtp().getPort(), "127.0.0.1", "none", "wrong"),
            SmtpServers.context(SmtpServers.loopback(SmtpServers.SHORT)));
        SelfTestReport report = bad.selfTest();
        assertThat(report.steps()).extracting(SelfTestStep::ok).containsExactly(true, true, false);
        assertThat(report.steps()).allSatisfy(s -> assertThat(s.detail()).doesNotContain("wrong", SmtpServers.USER));
        bad.close();
    }

    @Test
    void starttlsIsRequiredWhenConfigured() throws Exception {
        int before = smtp.getReceivedMessages().length;
        try (MailSender sender = sender(smtp, "127.0.0.1", "starttls", SmtpServers.loopback(SmtpServers.SHORT))) {
            assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
        }
        assertThat(smtp.getReceivedMessages()).hasSize(before);
    }
}
