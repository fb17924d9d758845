package com.anastig.platform.account.password;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Renders {@link HashingBusyException} as the usual problem+json body plus {@code Retry-After}.
 * Jersey prefers it to the generic ApiException mapper because its type is closer.
 */
@Provider
public final class HashingBusyExceptionMapper implements ExceptionMapper<HashingBusyException> {
    @Override
    public Response toResponse(HashingBusyException exception) {
        Response plain = exception.toProblem().toResponse();
        return Response.fromResponse(plain).header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds())).build();
    }
}
