package com.anastig.plugins.storage.minio;

import com.anastig.plugins.storage.s3common.SourceFailure;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderException.Kind;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps MinIO client failures to {@link ProviderException} kinds. Messages name the operation, the HTTP
 * status and the S3 error code only: never the server's text, the HTTP trace, a URL or a credential.
 */
final class MinioErrors {
    private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
        "ExpiredToken", "InvalidToken", "AllAccessDisabled", "AccountProblem", "RequestTimeTooSkewed", "AuthorizationHeaderMalformed");
    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NotFound",
        "NoSuchObject", "ResourceNotFound");
    private static final Set<String> UNAVAILABLE_CODES = Set.of("SlowDown", "ServiceUnavailable", "InternalError",
        "RequestTimeout", "Throttling");
    private static final Pattern RESPONSE_CODE = Pattern.compile("Response code: (\\d{3})");

    private MinioErrors() {
    }

    static ProviderException map(String operation, Throwable e) {
        if (e instanceof ProviderException p) {
            return p;
        }
        ProviderException policy = causeOf(e, ProviderException.class);
        if (policy != null) {
            return new ProviderException(policy.kind(), operation + " refused: " + policy.getMessage(), policy);
        }
        if (causeOf(e, SourceFailure.class) != null) {
            return new ProviderException(Kind.INVALID_REQUEST, operation + " failed: reading the data to store failed", e);
        }
        ErrorResponseException response = causeOf(e, ErrorResponseException.class);
        if (response != null) {
            String code = response.errorResponse() == null ? null : response.errorResponse().code();
            return byStatus(operation, response.response() == null ? 0 : response.response().code(), code, e);
        }
        ServerException server = causeOf(e, ServerException.class);
        if (server != null) {
            return byStatus(operation, server.statusCode(), null, e);
        }
        InvalidResponseException invalid = causeOf(e, InvalidResponseException.class);
        if (invalid != null) {
            Matcher m = RESPONSE_CODE.matcher(String.valueOf(invalid.getMessage()));
            return byStatus(operation, m.find() ? Integer.parseInt(m.group(1)) : 0, null, e);
        }
        if (causeOf(e, InsufficientDataException.class) != null) {
            return new ProviderException(Kind.INVALID_REQUEST, operation + " failed: the data ended before the length announced", e);
        }
        if (causeOf(e, InterruptedIOException.class) != null) {
            return new ProviderException(Kind.UNAVAILABLE, operation + " timed out", e);
        }
        IOException io = causeOf(e, IOException.class);
        if (io != null) {
            return new ProviderException(Kind.UNAVAILABLE, operation + " failed: the storage endpoint could not be reached ("
                + io.getClass().getSimpleName() + ")", e);
        }
        if (e instanceof IllegalArgumentException) {
            return new ProviderException(Kind.INVALID_REQUEST, operation + " failed: the request was refused by the client", e);
        }
        return new ProviderException(Kind.INTERNAL, operation + " failed (" + e.getClass().getSimpleName() + ")", e);
    }

    private static ProviderException byStatus(String operation, int status, String code, Throwable e) {
        String what = operation + " failed: HTTP " + status + (code == null ? "" : " " + code);
        Kind kind;
        if (code != null && DENIED_CODES.contains(code) || status == 401 || status == 403) {
            kind = Kind.DENIED;
        } else if (code != null && NOT_FOUND_CODES.contains(code) || status == 404) {
            kind = Kind.NOT_FOUND;
        } else if ("InvalidRange".equals(code) || status == 416) {
            kind = Kind.INVALID_REQUEST;
        } else if (status == 409 || status == 412 || "PreconditionFailed".equals(code)) {
            kind = Kind.CONFLICT;
        } else if (code != null && UNAVAILABLE_CODES.contains(code) || status == 429 || status >= 500) {
            kind = Kind.UNAVAILABLE;
        } else if (status == 301 || status == 307 || "PermanentRedirect".equals(code)) {
            kind = Kind.INVALID_CONFIG;
            what += " (the bucket answers elsewhere: check endpoint, region and pathStyle)";
        } else {
            kind = Kind.INTERNAL;
        }
        return new ProviderException(kind, what, e);
    }

    static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (type.isInstance(suppressed)) {
                    return type.cast(suppressed);
                }
            }
        }
        return null;
    }

}
