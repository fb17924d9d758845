package com.anastig.plugin.mail.resend;

import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderException.Kind;
import com.anastig.plugin.testkit.mail.FailureCase;
import com.anastig.plugin.testkit.mail.Inbox;
import com.anastig.plugin.testkit.mail.MailContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The mail contract through the real Resend SDK against a local fake of the Resend API. */
class ResendMailContractIT extends MailContract {
    private static ResendFake fake;
    private static ServerSocket silent;

    @BeforeAll
    static void start() throws IOException {
        fake = new ResendFake();
        // accepts connections (the kernel does) but never answers: the read timeout must end the wait
        silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    @AfterAll
    static void stop() throws IOException {
        fake.close();
        silent.close();
    }

    @Override
    protected MailSender createSender() {
        return ResendTesting.sender(fake.baseUrl(), ResendFake.KEY, ResendTesting.loopback());
    }

    @Override
    protected Inbox inbox() {
        return fake::received;
    }

    @Override
    protected List<FailureCase> failureCases() {
        return List.of(
            FailureCase.of("a wrong API key is DENIED", Kind.DENIED,
                () -> ResendTesting.sender(fake.baseUrl(), "re_wrong_key", ResendTesting.loopback())),
            FailureCase.of("429 is UNAVAILABLE", Kind.UNAVAILABLE,
                () -> ResendTesting.sender(fake.baseUrl(), ResendFake.RATE_LIMITED, ResendTesting.loopback())),
            FailureCase.of("500 is UNAVAILABLE", Kind.UNAVAILABLE,
                () -> ResendTesting.sender(fake.baseUrl(), ResendFake.BROKEN, ResendTesting.loopback())),
            new FailureCase("an API that is down is UNAVAILABLE at once",
                () -> ResendTesting.sender("http://127.0.0.1:" + closedPort(), ResendFake.KEY, ResendTesting.loopback()),
                Kind.UNAVAILABLE, Duration.ofSeconds(3)),
            new FailureCase("an API that never answers is UNAVAILABLE after the read timeout",
                () -> ResendTesting.sender("http://127.0.0.1:" + silent.getLocalPort(), ResendFake.KEY, ResendTesting.loopback()),
                Kind.UNAVAILABLE, Duration.ofSeconds(8)),
            FailureCase.of("an address the outbound policy refuses is DENIED", Kind.DENIED,
                () -> ResendTesting.sender(fake.baseUrl(), ResendFake.KEY,
                    OutboundPolicy.filtered(ResendTesting.SHORT, address -> false))));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
