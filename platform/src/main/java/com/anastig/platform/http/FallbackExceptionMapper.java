package com.anastig.platform.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: logs the error with a correlation id and a fingerprint (the exception type and
 * the top frames, so repeats group together without storing request data) and answers 500 with only
 * the correlation id: no stack trace, SQL or upstream body reaches the client.
 */
@Provider
public final class FallbackExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackExceptionMapper.class);
    private final java.util.function.Consumer<Throwable> recorder;

    /** @param recorder counts the error's fingerprint (the platform's error_fingerprint table) */
    public FallbackExceptionMapper(java.util.function.Consumer<Throwable> recorder) {
        this.recorder = recorder;
    }

    @Override
    public Response toResponse(Throwable exception) {
        String correlationId = UUID.randomUUID().toString();
        LOG.error("Unhandled error {} (fingerprint {})", correlationId, fingerprint(exception), exception);
        recorder.accept(exception);
        return Problem.of(500, "internal_error", "Internal error",
                "Something went wrong on our side. Quote this correlation id when you contact support.")
            .withCorrelationId(correlationId).toResponse();
    }

    /** The fingerprint of an error: its type and top five frames, hashed (no message, no data). */
    public static String fingerprint(Throwable exception) {
        StringBuilder sb = new StringBuilder(exception.getClass().getName());
        StackTraceElement[] frames = exception.getStackTrace();
        for (int i = 0; i < Math.min(5, frames.length); i++) {
            sb.append('|').append(frames[i].getClassName()).append('.').append(frames[i].getMethodName());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
