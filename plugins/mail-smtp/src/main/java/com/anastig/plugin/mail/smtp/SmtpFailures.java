package com.anastig.plugin.mail.smtp;

import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderException.Kind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Turns Jakarta Mail failures into {@link ProviderException} kinds. Messages carry the SMTP reply
 * code only, and the Jakarta Mail exception is kept as the cause only for network failures: the
 * server's replies and those exceptions' messages can contain addresses or the login.
 */
final class SmtpFailures {
    private SmtpFailures() {
    }

    static ProviderException map(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new ProviderException(Kind.DENIED, "the SMTP server refused the credentials");
        }
        SMTPAddressFailedException rejected = find(e, SMTPAddressFailedException.class);
        if (rejected != null) {
            return byCode(rejected.getReturnCode(), "the SMTP server refused a recipient");
        }
        SMTPSenderFailedException sender = find(e, SMTPSenderFailedException.class);
        if (sender != null) {
            return byCode(sender.getReturnCode(), "the SMTP server refused the sender");
        }
        SMTPSendFailedException failed = find(e, SMTPSendFailedException.class);
        if (failed != null) {
            return byCode(failed.getReturnCode(), "the SMTP server refused the message");
        }
        if (e instanceof SendFailedException) {
            return new ProviderException(Kind.INVALID_REQUEST, "the SMTP server refused the message");
        }
        if (causedBy(e, SSLException.class)) {
            return new ProviderException(Kind.DENIED, "the TLS connection to the SMTP server failed (certificate or protocol)", e);
        }
        if (causedBy(e, IOException.class)) {
            return ProviderException.unavailable("the SMTP server could not be reached or did not answer in time", e);
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("STARTTLS")) {
            return new ProviderException(Kind.INVALID_CONFIG, "the SMTP server does not offer STARTTLS");
        }
        return new ProviderException(Kind.INTERNAL, "the SMTP conversation failed unexpectedly (" + e.getClass().getSimpleName() + ")");
    }

    /** 4xx replies are transient; 550 (no such mailbox) is NOT_FOUND; other 5xx replies refuse the request. */
    private static ProviderException byCode(int code, String what) {
        if (code >= 400 && code < 500) {
            return new ProviderException(Kind.UNAVAILABLE, what + " for now (" + code + ")");
        }
        if (code == 550 || code == 551) {
            return new ProviderException(Kind.NOT_FOUND, what + " (" + code + ")");
        }
        if (code == 530 || code == 535) {
            return new ProviderException(Kind.DENIED, what + " (" + code + ")");
        }
        return new ProviderException(Kind.INVALID_REQUEST, what + " (" + code + ")");
    }

    private static <T extends Exception> T find(MessagingException e, Class<T> type) {
        for (Exception current = e; current != null;
             current = current instanceof MessagingException m ? m.getNextException() : null) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t instanceof MessagingException m && m.getNextException() != null && type.isInstance(m.getNextException())) {
                return true;
            }
        }
        return false;
    }
}
