package com.anastig.plugin.api;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request anyone holding it may make until it expires.
 *
 * @param method    {@code GET} or {@code PUT}
 * @param url       the signed URL (it carries the access key id, never the secret)
 * @param headers   headers the client must send with it
 * @param expiresAt when the signature stops working
 */
public record PresignedRequest(String method, URI url, Map<String, String> headers, Instant expiresAt) {
    public PresignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    @Override
    public String toString() {
        // the query string is a credential: never print it
        return "PresignedRequest[" + method + " " + url.getScheme() + "://" + url.getAuthority() + url.getRawPath()
            + " until " + expiresAt + "]";
    }
}
