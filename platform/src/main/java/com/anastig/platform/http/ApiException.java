package com.anastig.platform.http;

import java.util.List;

/**
 * A domain error that becomes a problem+json answer: the HTTP status, a stable {@code code}, and a
 * detail safe to show the client. Services throw it (or a subclass); {@link ApiExceptionMapper}
 * renders it.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ApiException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public ApiException(int status, String code, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, "Bad request", detail);
    }

    public static ApiException notFound() {
        return new ApiException(404, "not_found", "Not found", "There is no such resource.");
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(403, code, "Forbidden", detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, "Conflict", detail);
    }

    public static ApiException invalid(List<Problem.FieldError> errors) {
        return new ApiException(400, "validation_failed", "Invalid request", "Some fields are invalid.", errors);
    }

    public Problem toProblem() {
        Problem p = Problem.of(status, code, title, getMessage()).withErrors(errors);
        java.util.Map<String, Object> more = extensions();
        return more.isEmpty() ? p : p.withExtensions(more);
    }

    /** Extra members of the problem body; none by default. */
    protected java.util.Map<String, Object> extensions() {
        return java.util.Map.of();
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
