package com.anastig.plugin.mail.mime;

import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.MailMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

/** Builds the RFC 5322 message for a {@link MailMessage}: UTF-8 throughout, RFC 2047 encoded headers. */
public final class MimeMessages {
    private static final String UTF_8 = "UTF-8";

    private MimeMessages() {
    }

    /** A new globally unique Message-ID ({@code <random.millis@sender-domain>}). */
    public static String newMessageId(MailAddress from, Instant now, SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String domain = from.address().substring(from.address().lastIndexOf('@') + 1);
        return "<" + HexFormat.of().formatHex(bytes) + "." + now.toEpochMilli() + "@" + domain + ">";
    }

    public static MimeMessage build(Session session, MailMessage message, String messageId, Instant date) throws MessagingException {
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // Jakarta Mail would derive one from the local host name (a DNS lookup); ours is known
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(internet(message.from()));
        mime.setRecipients(Message.RecipientType.TO,
            message.to().stream().map(MimeMessages::internet).toArray(InternetAddress[]::new));
        if (message.replyTo() != null) {
            mime.setReplyTo(new InternetAddress[] {internet(message.replyTo())});
        }
        mime.setSubject(message.subject(), UTF_8);
        mime.setSentDate(Date.from(date));
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            String value = encode(header.getValue());
            mime.addHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2, value));
        }
        if (message.htmlBody() == null) {
            mime.setText(message.textBody(), UTF_8, "plain");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.textBody(), UTF_8, "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.htmlBody(), UTF_8, "html");
            mime.setContent(new MimeMultipart("alternative", text, html));
        }
        mime.saveChanges();
        return mime;
    }

    private static InternetAddress internet(MailAddress address) {
        try {
            InternetAddress internet = new InternetAddress(address.address(), address.displayName(), UTF_8);
            internet.validate();
            return internet;
        } catch (UnsupportedEncodingException | jakarta.mail.internet.AddressException e) {
            throw com.anastig.plugin.api.ProviderException.invalidRequest("an address cannot be written as RFC 5322");
        }
    }

    private static String encode(String value) throws MessagingException {
        try {
            return MimeUtility.encodeText(value, UTF_8, null);
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is not supported", e);
        }
    }
}
