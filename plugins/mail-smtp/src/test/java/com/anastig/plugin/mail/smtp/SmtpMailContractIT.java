package com.anastig.plugin.mail.smtp;

import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderException.Kind;
import com.anastig.plugin.testkit.mail.FailureCase;
import com.anastig.plugin.testkit.mail.Inbox;
import com.anastig.plugin.testkit.mail.MailContract;
import com.anastig.plugin.testkit.mail.MimeMail;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The mail contract against a real SMTP server (GreenMail on 127.0.0.1) with a required login. */
class SmtpMailContractIT extends MailContract {
    private static GreenMail greenMail;
    private static ServerSocket silent;

    @BeforeAll
    static void startServers() throws IOException {
        greenMail = SmtpServers.start("smtp");
        // accepts connections (the kernel does) but never says a word: the read timeout must end the wait
        silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    @AfterAll
    static void stopServers() throws IOException {
        greenMail.stop();
        silent.close();
    }

    private static MailSender sender(int port, String password, OutboundPolicy policy) {
        return new SmtpMailProviderFactory().create(SmtpServers.settings(port, "127.0.0.1", "none", password),
            SmtpServers.context(policy));
    }

    @Override
    protected MailSender createSender() {
        return sender(greenMail.getSmtp().getPort(), SmtpServers.PASSWORD, SmtpServers.loopback(SmtpServers.SHORT));
    }

    @Override
    protected Inbox inbox() {
        return id -> {
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                if (id.equals(message.getMessageID())) {
                    return Optional.of(MimeMail.parse(message));
                }
            }
            return Optional.empty();
        };
    }

    @Override
    protected List<FailureCase> failureCases() {
        return List.of(
            FailureCase.of("a wrong password is DENIED", Kind.DENIED,
                () -> sender(greenMail.getSmtp().getPort(), "wrong-password", SmtpServers.loopback(SmtpServers.SHORT))),
            new FailureCase("a stopped server is UNAVAILABLE at once", () -> {
                GreenMail stopped = SmtpServers.start("smtp");
                int port = stopped.getSmtp().getPort();
                stopped.stop();
                return sender(port, SmtpServers.PASSWORD, SmtpServers.loopback(SmtpServers.SHORT));
            }, Kind.UNAVAILABLE, Duration.ofSeconds(3)),
            new FailureCase("a server that never answers is UNAVAILABLE after the read timeout",
                () -> sender(silent.getLocalPort(), SmtpServers.PASSWORD, SmtpServers.loopback(SmtpServers.SHORT)),
                Kind.UNAVAILABLE, Duration.ofSeconds(8)),
            FailureCase.of("an address the outbound policy refuses is DENIED", Kind.DENIED,
                () -> sender(greenMail.getSmtp().getPort(), SmtpServers.PASSWORD,
                    OutboundPolicy.filtered(SmtpServers.SHORT, address -> !address.isLoopbackAddress()))));
    }
}
