package com.anastig.plugin.testkit.mail;

import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ProviderException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A way the provider can fail that the contract checks: a sender set up to fail (bad credentials, a
 * stopped server, an unusable outbox), the kind {@code send} must throw, and how long it may take.
 *
 * @param name     shown as the test name
 * @param sender   creates the failing sender (a fresh one per call)
 * @param expected the kind {@link ProviderException#kind()} must have
 * @param within   the most {@code send} and {@code selfTest} may each take (no hanging)
 */
public record FailureCase(String name, Supplier<MailSender> sender, ProviderException.Kind expected, Duration within) {
    public FailureCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(within, "within");
    }

    public static FailureCase of(String name, ProviderException.Kind expected, Supplier<MailSender> sender) {
        return new FailureCase(name, sender, expected, Duration.ofSeconds(15));
    }
}
