package com.anastig.platform.http;

import com.anastig.plugin.api.ProviderException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage or mail provider's error that reached the API unhandled. The provider's message stays in
 * the log (it may name hosts); the client gets the kind as a stable code.
 */
@Provider
public final class ProviderExceptionMapper implements ExceptionMapper<ProviderException> {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderExceptionMapper.class);

    @Override
    public Response toResponse(ProviderException exception) {
        LOG.warn("Provider error {}: {}", exception.kind(), exception.getMessage());
        Problem problem = switch (exception.kind()) {
            case NOT_FOUND -> Problem.of(404, "not_found", "Not found", "There is no such object.");
            case CONFLICT -> Problem.of(409, "conflict", "Conflict", "The storage refused the change because of a conflict.");
            case INVALID_REQUEST -> Problem.of(400, "invalid_object_key", "Bad request", "The object key is not allowed.");
            case UNSUPPORTED -> Problem.of(501, "not_supported", "Not supported", "The storage provider does not support this.");
            case UNAVAILABLE -> Problem.of(503, "storage_unreachable", "Storage unreachable", "The storage could not be reached; try again later.");
            case DENIED -> Problem.of(502, "storage_denied", "Storage refused", "The storage refused the platform's credentials.");
            case INVALID_CONFIG -> Problem.of(502, "storage_misconfigured", "Storage misconfigured", "The storage setting is not usable.");
            case INTERNAL -> Problem.of(500, "internal_error", "Internal error", "Something went wrong on our side.");
        };
        Response response = problem.toResponse();
        if (exception.kind() == ProviderException.Kind.UNAVAILABLE) {
            return Response.fromResponse(response).header("Retry-After", "30").build();
        }
        return response;
    }
}
