package com.anastig.plugins.storage.minio;

import com.anastig.plugin.api.PresignedRequest;
import com.anastig.plugin.api.ProviderException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Wraps a URL from the MinIO presigner. The client signs with its own clock, so the expiry is read
 * from the signature itself ({@code X-Amz-Date} plus {@code X-Amz-Expires}): the instant reported is
 * the one the server will enforce.
 */
final class MinioPresign {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private MinioPresign() {
    }

    static PresignedRequest request(String method, String url, Map<String, String> headers) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null || parsed.queryParameter("X-Amz-Date") == null || parsed.queryParameter("X-Amz-Expires") == null) {
            throw new ProviderException(ProviderException.Kind.INTERNAL, "presign produced an unusable URL");
        }
        Instant signedAt = LocalDateTime.parse(parsed.queryParameter("X-Amz-Date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
        Instant expiresAt = signedAt.plusSeconds(Long.parseLong(parsed.queryParameter("X-Amz-Expires")));
        return new PresignedRequest(method, URI.create(url), headers, expiresAt);
    }
}
