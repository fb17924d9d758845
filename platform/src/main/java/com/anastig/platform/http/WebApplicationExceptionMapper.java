package com.anastig.platform.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Jersey's own errors (no such path, wrong method, unsupported media type...) as problem+json with a
 * code derived from the status; headers such as {@code Allow} or {@code Retry-After} are kept.
 */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private final FallbackExceptionMapper fallback;

    public WebApplicationExceptionMapper(FallbackExceptionMapper fallback) {
        this.fallback = fallback;
    }

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return fallback.toResponse(exception);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String code = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        String detail = switch (status) {
            case 404 -> "There is no such resource.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "No acceptable representation.";
            case 415 -> "This content type is not supported here.";
            default -> title + ".";
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.PROBLEM_JSON)
            .entity(Problem.of(status, code, title, detail));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }
}
