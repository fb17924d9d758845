package com.anastig.plugin.mail.resend;

import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.Timeouts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Fixtures for the Resend tests. */
final class ResendTesting {
    static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(6));

    private ResendTesting() {
    }

    static OutboundPolicy loopback() {
        return OutboundPolicy.filtered(SHORT, InetAddress::isLoopbackAddress);
    }

    static MailSender sender(String baseUrl, String apiKey, OutboundPolicy policy) {
        ProviderSettings settings = new ProviderSettings(Map.of("baseUrl", baseUrl), Map.of("apiKey", apiKey));
        return new ResendMailProviderFactory().create(settings,
            new ProviderContext(policy, Clock.systemUTC(), Path.of(System.getProperty("java.io.tmpdir"))));
    }

    /** Resolves every name to 127.0.0.1 without DNS and records the names it was asked for. */
    static final class PinningPolicy implements OutboundPolicy {
        final Set<String> asked = ConcurrentHashMap.newKeySet();

        @Override
        public List<InetAddress> resolve(String host) {
            asked.add(host);
            try {
                return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
            } catch (UnknownHostException e) {
                throw new ProviderException(ProviderException.Kind.INTERNAL, "bad test address", e);
            }
        }

        @Override
        public Timeouts timeouts() {
            return SHORT;
        }
    }
}
