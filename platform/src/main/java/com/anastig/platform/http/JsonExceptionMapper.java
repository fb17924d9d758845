package com.anastig.platform.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request body that is not the JSON we expect: malformed, an unknown or duplicate field, a value of
 * the wrong type. Always 400, naming the field; never echoing the input or parser internals.
 */
@Provider
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException exception) {
        if (exception instanceof JsonParseException) {
            String detail = exception.getOriginalMessage() != null && exception.getOriginalMessage().startsWith("Duplicate field")
                ? "A field appears twice." : "The body is not valid JSON.";
            String code = detail.startsWith("A field") ? "duplicate_field" : "malformed_json";
            return Problem.of(400, code, "Bad request", detail).toResponse();
        }
        String field = exception instanceof JsonMappingException mapping ? path(mapping) : null;
        if (exception instanceof UnrecognizedPropertyException) {
            return Problem.of(400, "unknown_field", "Bad request", "Unknown field: " + field)
                .withErrors(List.of(new Problem.FieldError(field, "unknown field"))).toResponse();
        }
        if (exception instanceof InvalidFormatException || exception instanceof JsonMappingException) {
            String name = field == null || field.isEmpty() ? "body" : field;
            return Problem.of(400, "invalid_field", "Bad request", "A field has the wrong type or format: " + name)
                .withErrors(List.of(new Problem.FieldError(name, "wrong type or format"))).toResponse();
        }
        return Problem.of(400, "malformed_json", "Bad request", "The body is not valid JSON.").toResponse();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
            .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
