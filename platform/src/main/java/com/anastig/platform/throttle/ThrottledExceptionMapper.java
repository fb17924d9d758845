package com.anastig.platform.throttle;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Renders {@link ThrottledException} as the usual problem+json body plus {@code Retry-After}. Jersey
 * prefers it to the generic ApiException mapper because its type is closer.
 */
@Provider
public final class ThrottledExceptionMapper implements ExceptionMapper<ThrottledException> {
    @Override
    public Response toResponse(ThrottledException exception) {
        Response plain = exception.toProblem().toResponse();
        return Response.fromResponse(plain).header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds())).build();
    }
}
