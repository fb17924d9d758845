package com.anastig.plugin.mail.smtp;

import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingDescriptor;
import com.anastig.plugin.api.SettingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The settings of the {@code smtp} provider, checked once.
 *
 * @param host      the server's host name (resolved through the outbound policy)
 * @param port      the server's port
 * @param security  how the connection is protected
 * @param username  the login, or null for no authentication
 * @param password  the password (a secret), or null
 * @param localhost the name sent with EHLO
 */
record SmtpSettings(String host, int port, Security security, String username, String password, String localhost) {
    static final String HOST = "host";
    static final String PORT = "port";
    static final String SECURITY = "security";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String LOCALHOST = "localhost";
    private static final Pattern HOST_NAME = Pattern.compile("^[A-Za-z0-9._:\\-\\[\\]]{1,253}$");

    /** {@code none}: plain SMTP; {@code starttls}: STARTTLS is required; {@code tls}: TLS from the first byte. */
    enum Security {
        NONE(25), STARTTLS(587), TLS(465);

        final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

    static List<SettingDescriptor> descriptors() {
        return List.of(
            SettingDescriptor.required(HOST, "the SMTP server's host name"),
            SettingDescriptor.optional(PORT, null, "the port; 587 for starttls, 465 for tls, 25 for none"),
            SettingDescriptor.optional(SECURITY, "starttls", "none, starttls (required when set) or tls"),
            SettingDescriptor.optional(USERNAME, null, "the login; no authentication when absent"),
            SettingDescriptor.secret(PASSWORD, false, "the password; required with a username"),
            SettingDescriptor.optional(LOCALHOST, "localhost", "the name this client gives in EHLO"));
    }

    static List<SettingProblem> validate(ProviderSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        var host = settings.value(HOST);
        if (host.isEmpty()) {
            problems.add(new SettingProblem(HOST, "is required"));
        } else if (!HOST_NAME.matcher(host.get().trim()).matches()) {
            problems.add(new SettingProblem(HOST, "is not a host name"));
        }
        Security security = null;
        try {
            security = security(settings);
        } catch (ProviderException e) {
            problems.add(new SettingProblem(SECURITY, "must be none, starttls or tls"));
        }
        try {
            long port = settings.longValue(PORT, security == null ? 25 : security.defaultPort);
            if (port < 1 || port > 65535) {
                problems.add(new SettingProblem(PORT, "must be between 1 and 65535"));
            }
        } catch (ProviderException e) {
            problems.add(new SettingProblem(PORT, "must be a whole number"));
        }
        if (settings.value(USERNAME).isPresent() && settings.secret(PASSWORD).isEmpty()) {
            problems.add(new SettingProblem(PASSWORD, "is required with a username"));
        }
        if (settings.value(LOCALHOST).filter(name -> !HOST_NAME.matcher(name.trim()).matches()).isPresent()) {
            problems.add(new SettingProblem(LOCALHOST, "is not a host name"));
        }
        return problems;
    }

    static SmtpSettings from(ProviderSettings settings) {
        List<SettingProblem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw ProviderException.invalidConfig(String.join("; ", problems.stream().map(SettingProblem::toString).toList()));
        }
        Security security = security(settings);
        return new SmtpSettings(settings.required(HOST).trim(), (int) settings.longValue(PORT, security.defaultPort), security,
            settings.value(USERNAME).orElse(null), settings.secret(PASSWORD).orElse(null),
            settings.value(LOCALHOST).map(String::trim).orElse("localhost"));
    }

    private static Security security(ProviderSettings settings) {
        String value = settings.value(SECURITY).orElse("starttls").trim().toUpperCase(Locale.ROOT);
        try {
            return Security.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProviderException.invalidConfig("setting 'security' must be none, starttls or tls");
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security + (username == null ? "" : ", with login") + "]";
    }
}
