package com.anastig.plugin.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderException.Kind;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/**
 * The reply-code mapping with the exceptions Angus really throws (GreenMail accepts every recipient,
 * so rejected recipients cannot be provoked against it).
 */
class SmtpFailuresTest {
    private static final String ADDRESS = "ada@example.test";

    private static SendFailedException rejectedRecipient(int code) throws Exception {
        InternetAddress rcpt = new InternetAddress(ADDRESS);
        SMTPAddressFailedException failed = new SMTPAddressFailedException(rcpt, "RCPT TO:<" + ADDRESS + ">", code,
            code + " 5.1.1 <" + ADDRESS + ">: Recipient address rejected");
        return new SendFailedException("Invalid Addresses", failed, new Address[0], new Address[0], new Address[] {rcpt});
    }

    @Test
    void anUnknownMailboxIsNotFound() throws Exception {
        ProviderException e = SmtpFailures.map(rejectedRecipient(550));
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).doesNotContain(ADDRESS).contains("550");
        assertThat(e.getCause()).as("the cause would carry the address").isNull();
    }

    @Test
    void aMalformedRecipientIsAnInvalidRequest() throws Exception {
        assertThat(SmtpFailures.map(rejectedRecipient(553)).kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(SmtpFailures.map(rejectedRecipient(501)).kind()).isEqualTo(Kind.INVALID_REQUEST);
    }

    @Test
    void aTemporaryRefusalIsUnavailable() throws Exception {
        assertThat(SmtpFailures.map(rejectedRecipient(450)).kind()).isEqualTo(Kind.UNAVAILABLE);
        SMTPSendFailedException greylisted = new SMTPSendFailedException("DATA", 451, "451 try again later", null,
            new Address[0], new Address[0], new Address[0]);
        assertThat(SmtpFailures.map(greylisted).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void badCredentialsAreDenied() {
        ProviderException e = SmtpFailures.map(new AuthenticationFailedException("535 5.7.8 login mailer failed"));
        assertThat(e.kind()).isEqualTo(Kind.DENIED);
        assertThat(e.getMessage()).doesNotContain("mailer");
    }

    @Test
    void aRefusedConnectionIsUnavailable() {
        MessagingException refused = new MailConnectException(
            new SocketConnectException("Using socket", new ConnectException("Connection refused"), "127.0.0.1", 25, 1000));
        assertThat(SmtpFailures.map(refused).kind()).isEqualTo(Kind.UNAVAILABLE);
    }
}
