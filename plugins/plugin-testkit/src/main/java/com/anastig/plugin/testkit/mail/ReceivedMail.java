package com.anastig.plugin.testkit.mail;

import com.anastig.plugin.api.MailAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A message as the server (or outbox) received it, parsed back into plain values so the contract can
 * compare it with what was sent.
 *
 * @param providerMessageId the id the provider reported for it (Message-ID, API id, ...)
 * @param from              the sender, with its decoded display name
 * @param to                the recipients in the order they arrived
 * @param replyTo           the reply address, or null when none arrived
 * @param subject           the decoded subject
 * @param rawSubject        the Subject header exactly as it was on the wire (folded, RFC 2047 encoded),
 *                          or null when the transport is not MIME (a JSON API)
 * @param contentType       the top-level MIME type in lower case ({@code multipart/alternative},
 *                          {@code text/plain}), or null when the transport is not MIME
 * @param textBody          the plain-text body
 * @param htmlBody          the HTML body, or null
 * @param headers           every header that arrived, decoded, looked up without regard to case
 */
public record ReceivedMail(String providerMessageId, MailAddress from, List<MailAddress> to, MailAddress replyTo,
                           String subject, String rawSubject, String contentType, String textBody, String htmlBody,
                           Map<String, List<String>> headers) {
    public ReceivedMail {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), ReceivedMail::concat));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The first value of a header, if it arrived. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return "ReceivedMail[" + providerMessageId + ", " + to.size() + " recipient(s), headers " + headers.keySet() + "]";
    }
}
