package com.anastig.plugin.mail.resend;

import com.anastig.plugin.api.MailProviderFactory;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingDescriptor;
import com.anastig.plugin.api.SettingProblem;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import org.pf4j.Extension;

/**
 * The {@code resend} mail provider: the Resend HTTP API through the Resend Java SDK. {@code baseUrl}
 * points it at a regional endpoint or a local fake.
 */
@Extension
public class ResendMailProviderFactory implements MailProviderFactory {
    static final String API_KEY = "apiKey";
    static final String BASE_URL = "baseUrl";
    static final String DEFAULT_BASE_URL = "https://api.resend.com";

    public ResendMailProviderFactory() {
        // PF4J instantiates extensions through a public no-argument constructor
    }

    @Override
    public String id() {
        return "resend";
    }

    @Override
    public String description() {
        return "Sends mail through the Resend HTTP API";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
            SettingDescriptor.secret(API_KEY, true, "the Resend API key (a sending-only key is enough)"),
            SettingDescriptor.optional(BASE_URL, DEFAULT_BASE_URL, "the API's base URL (a regional endpoint or a local fake)"));
    }

    @Override
    public List<SettingProblem> validate(ProviderSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        if (settings.secret(API_KEY).filter(key -> !key.isBlank() && key.chars().noneMatch(c -> c <= 0x20 || c >= 0x7f)).isEmpty()) {
            problems.add(new SettingProblem(API_KEY, "is required (printable ASCII, no spaces)"));
        }
        if (baseUrl(settings) == null) {
            problems.add(new SettingProblem(BASE_URL, "must be an http(s) URL without user info, query or fragment"));
        }
        return problems;
    }

    @Override
    public MailSender create(ProviderSettings settings, ProviderContext context) {
        List<SettingProblem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw ProviderException.invalidConfig(String.join("; ", problems.stream().map(SettingProblem::toString).toList()));
        }
        return new ResendMailSender(settings.requiredSecret(API_KEY), baseUrl(settings), context.outbound());
    }

    private static HttpUrl baseUrl(ProviderSettings settings) {
        HttpUrl url = HttpUrl.parse(settings.value(BASE_URL).orElse(DEFAULT_BASE_URL).trim());
        if (url == null || !url.username().isEmpty() || !url.password().isEmpty() || url.query() != null || url.fragment() != null) {
            return null;
        }
        return url;
    }
}
