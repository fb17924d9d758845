package com.resend.services.emails;

import com.resend.core.net.IHttpClient;

/**
 * Reaches the Resend SDK's package-private {@code Emails(String, IHttpClient)} constructor so the
 * real SDK talks through the plugin's own HTTP client (configured base URL, the host's outbound
 * policy, timeouts, no redirects). The SDK offers no public way to do this. It lives in the SDK's
 * package inside the plugin jar; PF4J loads both jars with the same class loader, so the package is
 * one runtime package.
 */
public final class EmailsWithClient {
    private EmailsWithClient() {
    }

    public static Emails create(String apiKey, IHttpClient<String> client) {
        return new Emails(apiKey, client);
    }
}
