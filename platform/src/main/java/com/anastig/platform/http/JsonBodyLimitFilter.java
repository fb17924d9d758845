package com.anastig.platform.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps JSON request bodies (1 MiB by default) with 413, before any parsing: a declared length over
 * the cap is refused at once, and a chunked body is read at most one byte past it. Uploads of images
 * and models are not JSON and stream elsewhere.
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public final class JsonBodyLimitFilter implements ContainerRequestFilter {
    public static final int DEFAULT_LIMIT = 1 << 20;
    private final int limit;

    public JsonBodyLimitFilter(int limit) {
        this.limit = limit;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        MediaType type = request.getMediaType();
        if (!request.hasEntity() || type == null || !(type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
            || type.getSubtype().endsWith("+json"))) {
            return;
        }
        if (request.getLength() > limit) {
            throw tooLarge();
        }
        InputStream in = request.getEntityStream();
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw tooLarge();
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    private ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "Payload too large", "JSON bodies are limited to " + limit + " bytes.");
    }
}
