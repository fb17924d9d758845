package com.anastig.plugins.storage.s3;

import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.testkit.s3.S3ProxyServer;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A plain SDK client straight at an S3Proxy (bucket set-up, checks behind the provider's back, the benchmark's baseline). */
final class DirectS3 {
    private DirectS3() {
    }

    static S3Client client(S3ProxyServer server) {
        return S3Client.builder()
            .httpClient(ApacheHttpClient.builder().build())
            .region(Region.of(S3ProxyServer.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
            .endpointOverride(server.endpoint())
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
    }

    /** Creates a bucket with a fresh name and returns the name. */
    static String createBucket(S3ProxyServer server, String label) {
        String bucket = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = client(server)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    /** Settings for the provider against this server: path style, the server's keys, access key id as a secret. */
    static ProviderSettings settings(S3ProxyServer server, String bucket, String prefix) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
            "endpoint", server.endpoint().toString(), "region", S3ProxyServer.REGION, "bucket", bucket, "pathStyle", "true"));
        if (prefix != null) {
            values.put("prefix", prefix);
        }
        return new ProviderSettings(values, Map.of("accessKeyId", server.accessKey(), "secretAccessKey", server.secretKey()));
    }
}
