package com.anastig.plugin.testkit.s3;

import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns off the {@link com.anastig.plugin.testkit.StorageContract} cases that S3Proxy 4.1 itself
 * cannot pass, whatever the client, each with the reason shown in the test report (as skipped, never
 * silently). Use on a contract IT that runs against {@link S3ProxyServer}:
 * {@code @ExtendWith(S3ProxyLimitations.class)}. The provider ITs check the same behaviour as far as
 * S3Proxy allows.
 */
public final class S3ProxyLimitations implements ExecutionCondition {
    /** Contract test method name to the S3Proxy behaviour that breaks it. */
    public static final Map<String, String> LIMITATIONS = Map.of(
        "objectAndFolderWithTheSameName",
        "S3Proxy 4.1's backends (transient and filesystem are both nio2 file trees) cannot hold 'a/b' and 'a/b/c' at once:"
            + " the second put fails with HTTP 500 InternalError; S3 itself allows it",
        "listsInUtf8ByteOrder",
        "S3Proxy 4.1 lists keys in Java String (UTF-16) order, so U+1F600 comes before U+FF5E; S3 lists in UTF-8 byte order",
        "contentTypeRoundTripsAndMissingTypeIsNullOrOctetStream",
        "S3Proxy 4.1 stores 'application/json; charset=utf-8' as 'application/json;charset=utf-8' (its Jetty normalises the"
            + " header); S3 keeps the header as sent");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getTestMethod()
            .map(method -> LIMITATIONS.get(method.getName()))
            .map(reason -> ConditionEvaluationResult.disabled("S3Proxy limitation: " + reason))
            .orElse(ConditionEvaluationResult.enabled("not affected by S3Proxy's limitations"));
    }
}
