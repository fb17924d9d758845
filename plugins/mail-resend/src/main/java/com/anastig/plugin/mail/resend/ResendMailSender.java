package com.anastig.plugin.mail.resend;

import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.MailMessage;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderException.Kind;
import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.SelfTestStep;
import com.anastig.plugin.api.SendResult;
import com.resend.core.exception.ResendException;
import com.resend.services.domains.Domains;
import com.resend.services.domains.DomainsWithClient;
import com.resend.services.emails.Emails;
import com.resend.services.emails.EmailsWithClient;
import com.resend.services.emails.model.CreateEmailOptions;
import com.resend.services.emails.model.CreateEmailResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Sends through the Resend HTTP API with the real Resend SDK, routed through {@link PolicyHttpClient}.
 * The provider message id is the id Resend returns. Error messages carry the HTTP status and Resend's
 * error name only (its messages can echo addresses).
 */
final class ResendMailSender implements MailSender {
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[()<>\\[\\]:;@\\\\,.\"]");

    private final PolicyHttpClient http;
    private final OutboundPolicy policy;
    private final Emails emails;
    private final Domains domains;

    ResendMailSender(String apiKey, HttpUrl baseUrl, OutboundPolicy policy) {
        this.http = new PolicyHttpClient(baseUrl, policy);
        this.policy = policy;
        this.emails = EmailsWithClient.create(apiKey, http);
        this.domains = DomainsWithClient.create(apiKey, http);
    }

    @Override
    public SendResult send(MailMessage message) {
        CreateEmailOptions.Builder options = CreateEmailOptions.builder()
            .from(format(message.from()))
            .to(message.to().stream().map(ResendMailSender::format).toList())
            .subject(message.subject())
            .text(message.textBody());
        if (message.htmlBody() != null) {
            options.html(message.htmlBody());
        }
        if (message.replyTo() != null) {
            options.replyTo(format(message.replyTo()));
        }
        if (!message.headers().isEmpty()) {
            options.headers(message.headers());
        }
        CreateEmailResponse response;
        try {
            response = emails.send(options.build());
        } catch (ResendException e) {
            throw map(e);
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProviderException(Kind.INTERNAL, "the Resend API gave an unexpected answer", e);
        }
        if (response == null || response.getId() == null || response.getId().isBlank()) {
            throw new ProviderException(Kind.INTERNAL, "the Resend API accepted the message without an id");
        }
        return new SendResult(response.getId());
    }

    @Override
    public SelfTestReport selfTest() {
        List<SelfTestStep> steps = new ArrayList<>();
        try {
            policy.resolve(http.baseUrl().host());
            steps.add(SelfTestStep.passed("resolve", "the API host resolved to a permitted address"));
        } catch (ProviderException e) {
            steps.add(SelfTestStep.failed("resolve", e.getMessage()));
            return new SelfTestReport(steps);
        }
        try {
            domains.list();
            steps.add(SelfTestStep.passed("connect", "the API answered"));
            steps.add(SelfTestStep.passed("auth", "the API key was accepted"));
        } catch (ResendException e) {
            steps.add(SelfTestStep.passed("connect", "the API answered"));
            if ("restricted_api_key".equals(e.getErrorName())) {
                // a sending-only key may not list domains; that answer proves the key is valid
                steps.add(SelfTestStep.passed("auth", "the API key was accepted (sending only)"));
            } else {
                steps.add(SelfTestStep.failed("auth", map(e).getMessage()));
            }
        } catch (ProviderException e) {
            steps.add(SelfTestStep.failed("connect", e.getMessage()));
        } catch (RuntimeException e) {
            steps.add(SelfTestStep.failed("connect", "the API gave an unexpected answer"));
        }
        return new SelfTestReport(steps);
    }

    @Override
    public void close() {
        http.close();
    }

    static ProviderException map(ResendException e) {
        int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
        String what = "the Resend API answered " + status + (e.getErrorName() == null ? "" : " (" + e.getErrorName() + ")");
        Kind kind;
        if (status == 401 || status == 403) {
            kind = Kind.DENIED;
        } else if (status == 400 || status == 422) {
            kind = Kind.INVALID_REQUEST;
        } else if (status == 404) {
            kind = Kind.NOT_FOUND;
        } else if (status == 409) {
            kind = Kind.CONFLICT;
        } else if (status == 408 || status == 429 || status >= 500) {
            kind = Kind.UNAVAILABLE;
        } else {
            kind = Kind.INTERNAL;
        }
        return new ProviderException(kind, what);
    }

    /** {@code Name <address>}, quoting the name when RFC 5322 needs it. */
    static String format(MailAddress address) {
        String name = address.displayName();
        if (name == null) {
            return address.address();
        }
        String shown = NEEDS_QUOTES.matcher(name).find()
            ? "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
            : name;
        return shown + " <" + address.address() + ">";
    }
}
