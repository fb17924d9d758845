package com.anastig.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The one error shape (RFC 9457 problem details) every API error takes: a stable snake_case
 * {@code code} for programs, a title and detail for people, and field errors for validation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors,
                      String correlationId, @com.fasterxml.jackson.annotation.JsonIgnore java.util.Map<String, Object> extensions) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    /** One invalid field. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("urn:anastig:problem:" + code, title, status, detail, code, null, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, code, fieldErrors == null || fieldErrors.isEmpty() ? null : List.copyOf(fieldErrors),
            correlationId, extensions);
    }

    public Problem withCorrelationId(String id) {
        return new Problem(type, title, status, detail, code, errors, id, extensions);
    }

    /** Adds RFC 9457 extension members (such as {@code mfaToken}) to the body. */
    public Problem withExtensions(java.util.Map<String, Object> more) {
        return new Problem(type, title, status, detail, code, errors, correlationId, java.util.Map.copyOf(more));
    }

    @com.fasterxml.jackson.annotation.JsonAnyGetter
    java.util.Map<String, Object> extensionMembers() {
        return extensions == null ? java.util.Map.of() : extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }
}
