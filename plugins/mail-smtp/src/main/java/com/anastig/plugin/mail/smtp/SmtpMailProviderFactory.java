package com.anastig.plugin.mail.smtp;

import com.anastig.plugin.api.MailProviderFactory;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingDescriptor;
import com.anastig.plugin.api.SettingProblem;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.pf4j.Extension;

/**
 * The {@code smtp} mail provider: Jakarta Mail (Angus) over plain SMTP, STARTTLS or TLS, with the
 * host resolved and timed out by the host's outbound policy.
 */
@Extension
public class SmtpMailProviderFactory implements MailProviderFactory {

    public SmtpMailProviderFactory() {
        // PF4J instantiates extensions through a public no-argument constructor
    }

    @Override
    public String id() {
        return "smtp";
    }

    @Override
    public String description() {
        return "Sends mail through an SMTP server (plain, STARTTLS or TLS) with Jakarta Mail";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return SmtpSettings.descriptors();
    }

    @Override
    public List<SettingProblem> validate(ProviderSettings settings) {
        return SmtpSettings.validate(settings);
    }

    @Override
    public MailSender create(ProviderSettings settings, ProviderContext context) {
        return create(settings, context, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With the TLS trust a test supplies; production uses the JVM's default trust store. */
    MailSender create(ProviderSettings settings, ProviderContext context, SSLSocketFactory tls) {
        return new SmtpMailSender(SmtpSettings.from(settings), context.outbound(), context.clock(), tls);
    }
}
