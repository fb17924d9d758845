package com.anastig.platform.mail;

import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.MailMessage;
import java.util.List;
import java.util.Map;

/**
 * A message waiting in the outbox: one recipient, the content, and a kind for metrics and
 * troubleshooting ({@code verify_email}, {@code password_reset}, ...). Serialized and sealed in the
 * outbox, because its links may carry single-use tokens.
 */
public record OutgoingMail(String kind, String to, String subject, String textBody, String htmlBody) {

    /** The provider-neutral message, from the platform's no-reply sender. */
    MailMessage toMessage(MailAddress from) {
        return new MailMessage(from, List.of(MailAddress.of(to)), null, subject, textBody, htmlBody,
            Map.of("X-Anastig-Kind", kind, "Auto-Submitted", "auto-generated"));
    }

    @Override
    public String toString() {
        return "OutgoingMail[" + kind + "]";
    }
}
