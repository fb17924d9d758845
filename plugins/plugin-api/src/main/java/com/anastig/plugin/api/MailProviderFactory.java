package com.anastig.plugin.api;

/** The extension point for mail providers ({@code log}, {@code smtp}, {@code resend}, ...). */
public interface MailProviderFactory extends ProviderFactory<MailSender> {
}
