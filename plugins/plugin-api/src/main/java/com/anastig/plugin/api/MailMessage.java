package com.anastig.plugin.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One message to send. The subject and extra headers refuse CR/LF (no header injection); extra
 * headers may not override the structural ones the provider writes.
 *
 * @param from     the sender
 * @param to       at least one recipient
 * @param replyTo  the reply address, or null
 * @param subject  one line
 * @param textBody the plain-text body (required)
 * @param htmlBody the HTML body, or null
 * @param headers  extra headers such as {@code List-Unsubscribe} or {@code X-Anastig-Message}
 */
public record MailMessage(MailAddress from, List<MailAddress> to, MailAddress replyTo, String subject,
                          String textBody, String htmlBody, Map<String, String> headers) {
    private static final Pattern HEADER_NAME = Pattern.compile("^[!-9;-~]+$");
    private static final Set<String> RESERVED = Set.of("from", "to", "cc", "bcc", "reply-to", "subject", "date",
        "message-id", "mime-version", "content-type", "content-transfer-encoding", "sender", "return-path");

    public MailMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(textBody, "textBody");
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw ProviderException.invalidRequest("a message needs at least one recipient");
        }
        if (MailAddress.hasControl(subject) || subject.length() > 998) {
            throw ProviderException.invalidRequest("the subject must be one line");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (headers != null) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                String name = h.getKey();
                String value = h.getValue();
                if (name == null || !HEADER_NAME.matcher(name).matches() || value == null || MailAddress.hasControl(value)) {
                    throw ProviderException.invalidRequest("invalid header: " + name);
                }
                if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                    throw ProviderException.invalidRequest("header " + name + " is written by the provider");
                }
                copy.put(name, value);
            }
        }
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    public static MailMessage of(MailAddress from, MailAddress to, String subject, String textBody, String htmlBody) {
        return new MailMessage(from, List.of(to), null, subject, textBody, htmlBody, Map.of());
    }

    @Override
    public String toString() {
        return "MailMessage[to " + to.size() + " recipient(s), " + headers.size() + " extra header(s)]";
    }
}
