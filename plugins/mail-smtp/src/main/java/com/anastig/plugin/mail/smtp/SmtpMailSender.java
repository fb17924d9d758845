package com.anastig.plugin.mail.smtp;

import com.anastig.plugin.mail.mime.MimeMessages;
import com.anastig.plugin.api.MailMessage;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.SelfTestStep;
import com.anastig.plugin.api.SendResult;
import com.anastig.plugin.api.Timeouts;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends each message over its own SMTP connection with Jakarta Mail (Angus). Every connection goes
 * to an address the outbound policy returned for the host (Jakarta Mail is given the IP literal, so
 * it never resolves the name itself); TLS still verifies the certificate against the host name.
 * The provider message id is the Message-ID header.
 */
final class SmtpMailSender implements MailSender {
    private final SmtpSettings settings;
    private final OutboundPolicy outbound;
    private final Clock clock;
    private final SSLSocketFactory tls;
    private final SecureRandom random = new SecureRandom();

    SmtpMailSender(SmtpSettings settings, OutboundPolicy outbound, Clock clock, SSLSocketFactory tls) {
        this.settings = settings;
        this.outbound = outbound;
        this.clock = clock;
        this.tls = tls;
    }

    @Override
    public SendResult send(MailMessage message) {
        return withPluginClassLoader(() -> {
            Session session = session(pinnedAddress());
            Instant now = clock.instant();
            String messageId = MimeMessages.newMessageId(message.from(), now, random);
            try {
                MimeMessage mime = MimeMessages.build(session, message, messageId, now);
                Transport transport = session.getTransport("smtp");
                try {
                    connect(transport, session);
                    transport.sendMessage(mime, mime.getAllRecipients());
                } finally {
                    closeQuietly(transport);
                }
            } catch (MessagingException e) {
                throw SmtpFailures.map(e);
            }
            return new SendResult(messageId);
        });
    }

    @Override
    public SelfTestReport selfTest() {
        return withPluginClassLoader(() -> {
            List<SelfTestStep> steps = new ArrayList<>();
            InetAddress address;
            try {
                address = pinnedAddress();
                steps.add(SelfTestStep.passed("resolve", "the host resolved to a permitted address"));
            } catch (ProviderException e) {
                steps.add(SelfTestStep.failed("resolve", e.getMessage()));
                return new SelfTestReport(steps);
            }
            Session session = session(address);
            Transport transport = null;
            try {
                transport = session.getTransport("smtp");
                connect(transport, session);
                steps.add(SelfTestStep.passed("connect", "the server answered"));
                steps.add(SelfTestStep.passed("auth", settings.username() == null ? "no login configured" : "the login was accepted"));
            } catch (AuthenticationFailedException e) {
                steps.add(SelfTestStep.passed("connect", "the server answered"));
                steps.add(SelfTestStep.failed("auth", "the server refused the login"));
            } catch (MessagingException e) {
                steps.add(SelfTestStep.failed("connect", SmtpFailures.map(e).getMessage()));
            } finally {
                closeQuietly(transport);
            }
            return new SelfTestReport(steps);
        });
    }

    @Override
    public void close() {
        // every message uses its own connection; nothing stays open
    }

    /** A failed QUIT after the message was accepted must not turn a sent message into a failure. */
    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // the connection is gone either way
        }
    }

    private InetAddress pinnedAddress() {
        List<InetAddress> addresses = outbound.resolve(settings.host());
        if (addresses.isEmpty()) {
            throw new ProviderException(ProviderException.Kind.DENIED, "no permitted address for the SMTP host");
        }
        return addresses.get(0);
    }

    private void connect(Transport transport, Session session) throws MessagingException {
        transport.connect(session.getProperty("mail.smtp.host"), settings.port(), settings.username(), settings.password());
    }

    private Session session(InetAddress address) {
        Timeouts timeouts = outbound.timeouts();
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", address.getHostAddress());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        p.setProperty("mail.smtp.localhost", settings.localhost());
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(timeouts.connect().toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(timeouts.read().toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(timeouts.read().toMillis()));
        p.setProperty("mail.smtp.auth", Boolean.toString(settings.username() != null));
        p.setProperty("mail.smtp.sendpartial", "false");
        p.setProperty("mail.smtp.socketFactory.fallback", "false");
        // the name is checked by JSSE against the configured host (see PinnedHostSslSocketFactory),
        // not by Jakarta Mail against the IP literal it connected to
        p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        p.put("mail.smtp.ssl.socketFactory", new PinnedHostSslSocketFactory(tls, settings.host()));
        switch (settings.security()) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
            }
            case TLS -> p.setProperty("mail.smtp.ssl.enable", "true");
            case NONE -> p.setProperty("mail.smtp.starttls.enable", "false");
        }
        return Session.getInstance(p);
    }

    /** Jakarta Mail finds its providers through the context class loader: inside PF4J, the plugin's. */
    private static <T> T withPluginClassLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SmtpMailSender.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
