package com.anastig.plugin.mail.smtp;

import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.Timeouts;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Fixtures for the SMTP tests: GreenMail on 127.0.0.1 only, settings, policies, TLS trust. */
final class SmtpServers {
    static final String USER = "mailer";
    static final String PASSWORD = "s3cret-Pa55";
    static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10));

    private SmtpServers() {
    }

    /** A started GreenMail on a free 127.0.0.1 port that requires the test login. */
    static GreenMail start(String protocol) {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@anastig.test", USER, PASSWORD));
        greenMail.start();
        greenMail.getUserManager().setAuthRequired(true);
        return greenMail;
    }

    static ProviderSettings settings(int port, String host, String security, String password) {
        return new ProviderSettings(
            Map.of("host", host, "port", Integer.toString(port), "security", security, "username", USER,
                "localhost", "client.anastig.test"),
            Map.of("password", password));
    }

    static ProviderContext context(OutboundPolicy policy) {
        return new ProviderContext(policy, Clock.systemUTC(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Loopback IPv4 only (GreenMail listens on 127.0.0.1). */
    static OutboundPolicy loopback(Timeouts timeouts) {
        return OutboundPolicy.filtered(timeouts, address -> address.isLoopbackAddress() && address.getAddress().length == 4);
    }

    /**
     * Resolves every name to 127.0.0.1 without DNS and records which names were asked for: shows that
     * the sender connects to what the policy returned, not to what DNS would say.
     */
    static final class PinningPolicy implements OutboundPolicy {
        final Set<String> asked = ConcurrentHashMap.newKeySet();

        @Override
        public List<InetAddress> resolve(String host) {
            asked.add(host);
            try {
                return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
            } catch (java.net.UnknownHostException e) {
                throw new ProviderException(ProviderException.Kind.INTERNAL, "bad test address", e);
            }
        }

        @Override
        public Timeouts timeouts() {
            return SHORT;
        }
    }

    /** Trusts only the test certificate GreenMail serves (see the failsafe configuration). */
    static SSLSocketFactory trustingTestCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = SmtpServers.class.getResourceAsStream("/smtp-tls-test.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
