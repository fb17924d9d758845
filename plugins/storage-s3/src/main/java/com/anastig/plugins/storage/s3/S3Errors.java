package com.anastig.plugins.storage.s3;

import com.anastig.plugins.storage.s3common.SourceFailure;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Maps AWS SDK failures to {@link ProviderException} kinds. Messages name the operation, the HTTP
 * status and the S3 error code only: never the server's message text, a URL or a credential.
 */
final class S3Errors {
    private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
        "ExpiredToken", "InvalidToken", "AllAccessDisabled", "AccountProblem", "RequestTimeTooSkewed", "AuthorizationHeaderMalformed");
    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NotFound");
    private static final Set<String> UNAVAILABLE_CODES = Set.of("SlowDown", "ServiceUnavailable", "InternalError",
        "RequestTimeout", "Throttling", "ThrottlingException");

    private S3Errors() {
    }

    static ProviderException map(String operation, RuntimeException e) {
        if (e instanceof ProviderException p) {
            return p;
        }
        ProviderException policy = policyFailure(e);
        if (policy != null) {
            return new ProviderException(policy.kind(), operation + " refused: " + policy.getMessage(), policy);
        }
        SourceFailure source = causeOf(e, SourceFailure.class);
        if (source != null) {
            return new ProviderException(Kind.INVALID_REQUEST, operation + " failed: reading the data to store failed", source);
        }
        if (e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().contains("mark/reset")) {
            // an attempt failed and the SDK could not replay the caller's one-shot stream for the retry
            return new ProviderException(Kind.UNAVAILABLE, operation + " failed and could not be retried with a one-shot data stream", e);
        }
        if (e instanceof SdkServiceException service) {
            return mapService(operation, service);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new ProviderException(Kind.UNAVAILABLE, operation + " timed out", e);
        }
        if (e instanceof AbortedException || causeOf(e, InterruptedIOException.class) != null) {
            return new ProviderException(Kind.UNAVAILABLE, operation + " was interrupted or timed out", e);
        }
        if (e instanceof SdkClientException && causeOf(e, IOException.class) != null) {
            return new ProviderException(Kind.UNAVAILABLE, operation + " failed: the storage endpoint could not be reached ("
                + causeOf(e, IOException.class).getClass().getSimpleName() + ")", e);
        }
        if (e instanceof SdkException) {
            return new ProviderException(Kind.INTERNAL, operation + " failed (" + e.getClass().getSimpleName() + ")", e);
        }
        return new ProviderException(Kind.INTERNAL, operation + " failed unexpectedly (" + e.getClass().getSimpleName() + ")", e);
    }

    private static ProviderException mapService(String operation, SdkServiceException e) {
        int status = e.statusCode();
        String code = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
            ? aws.awsErrorDetails().errorCode() : null;
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
        } else if (code != null && UNAVAILABLE_CODES.contains(code) || status == 429 || status >= 500 || e.isThrottlingException()) {
            kind = Kind.UNAVAILABLE;
        } else if (status == 301 || status == 307 || "PermanentRedirect".equals(code)) {
            kind = Kind.INVALID_CONFIG;
            what += " (the bucket answers elsewhere: check endpoint, region and pathStyle)";
        } else if (status == 400 && ("InvalidBucketName".equals(code) || "InvalidArgument".equals(code))) {
            kind = Kind.INVALID_REQUEST;
        } else {
            kind = Kind.INTERNAL;
        }
        return new ProviderException(kind, what, e);
    }

    /** A {@link ProviderException} the outbound policy threw inside the HTTP client's DNS resolver. */
    static ProviderException policyFailure(Throwable e) {
        return causeOf(e, ProviderException.class);
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
