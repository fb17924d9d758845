package com.anastig.plugin.api;

/**
 * One configured mail provider. {@link #send} either hands the message to the provider and returns
 * its id, or throws {@link ProviderException} ({@code UNAVAILABLE} when a retry may succeed).
 */
public interface MailSender extends AutoCloseable {

    SendResult send(MailMessage message);

    /** Checks that the provider is reachable and accepts the credentials, without sending mail. */
    SelfTestReport selfTest();

    @Override
    void close();
}
