package com.anastig.platform.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Locale;

/**
 * For {@link PreSession} endpoints: an {@code Origin} other than the public base URL's is a
 * cross-site request (403 {@code csrf_failed}); a body that is not JSON is 415.
 */
@PreSession
@Priority(Priorities.AUTHENTICATION)
public final class PreSessionOriginFilter implements ContainerRequestFilter {
    private final String allowedOrigin;

    public PreSessionOriginFilter(URI publicBaseUrl) {
        this.allowedOrigin = originOf(publicBaseUrl);
    }

    public static String originOf(URI uri) {
        int port = uri.getPort();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && !origin.equalsIgnoreCase(allowedOrigin)) {
            throw ApiException.forbidden("csrf_failed", "Cross-site requests are not accepted here.");
        }
        MediaType type = request.getMediaType();
        if (request.hasEntity() && (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE))) {
            throw new ApiException(415, "unsupported_media_type", "Unsupported Media Type", "Send application/json.");
        }
    }
}
