package com.anastig.plugin.testkit.mail;

import com.anastig.plugin.api.MailAddress;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Parses a MIME message (an {@code .eml} file, a message an SMTP server stored) into a
 * {@link ReceivedMail} with Jakarta Mail. Needs Jakarta Mail on the test class path (the mail
 * providers that speak MIME have it; the test kit declares it optional).
 */
public final class MimeMail {
    private MimeMail() {
    }

    /** Parses an RFC 5322 message from a stream (the stream is read, not closed). */
    public static ReceivedMail parse(InputStream rfc5322) throws MessagingException, IOException {
        return parse(new MimeMessage(Session.getInstance(new Properties()), rfc5322));
    }

    public static ReceivedMail parse(MimeMessage message) throws MessagingException, IOException {
        Bodies bodies = new Bodies();
        bodies.collect(message);
        String[] replyTo = message.getHeader("Reply-To");
        return new ReceivedMail(
            message.getMessageID(),
            address(message.getFrom()[0]),
            addresses(message.getRecipients(Message.RecipientType.TO)),
            replyTo == null ? null : addresses(InternetAddress.parseHeader(replyTo[0], true)).get(0),
            message.getSubject(),
            message.getHeader("Subject", null),
            new ContentType(message.getContentType()).getBaseType().toLowerCase(Locale.ROOT),
            bodies.text,
            bodies.html,
            headers(message));
    }

    private static MailAddress address(Address address) {
        InternetAddress internet = (InternetAddress) address;
        return new MailAddress(internet.getAddress(), internet.getPersonal());
    }

    private static List<MailAddress> addresses(Address[] addresses) {
        List<MailAddress> list = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                list.add(address(a));
            }
        }
        return list;
    }

    private static Map<String, List<String>> headers(MimeMessage message) throws MessagingException, IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header h = all.nextElement();
            String value = MimeUtility.decodeText(MimeUtility.unfold(h.getValue()));
            headers.computeIfAbsent(h.getName(), n -> new ArrayList<>()).add(value);
        }
        return headers;
    }

    /** The first text/plain and text/html parts, depth first. */
    private static final class Bodies {
        private String text;
        private String html;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            } else if (part.isMimeType("text/plain") && text == null) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html") && html == null) {
                html = (String) part.getContent();
            }
        }
    }
}
