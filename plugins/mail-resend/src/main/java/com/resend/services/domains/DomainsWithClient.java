package com.resend.services.domains;

import com.resend.core.net.IHttpClient;

/**
 * Reaches the Resend SDK's package-private {@code Domains(String, IHttpClient)} constructor, for the
 * self-test (see {@code com.resend.services.emails.EmailsWithClient} for why this is needed).
 */
public final class DomainsWithClient {
    private DomainsWithClient() {
    }

    public static Domains create(String apiKey, IHttpClient<String> client) {
        return new Domains(apiKey, client);
    }
}
