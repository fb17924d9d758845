package com.anastig.plugins.storage.minio;

import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.testkit.s3.S3ProxyServer;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.util.Map;
import java.util.UUID;

/** A plain MinIO client straight at an S3Proxy, for bucket set-up. */
final class DirectMinio {
    private DirectMinio() {
    }

    /** Creates a bucket with a fresh name and returns the name. */
    static String createBucket(S3ProxyServer server, String label) throws Exception {
        String bucket = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (MinioClient client = MinioClient.builder().endpoint(server.endpoint().toString())
                .credentials(server.accessKey(), server.secretKey()).region(S3ProxyServer.REGION).build()) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        return bucket;
    }

    /** Settings for the provider against this server: path style, the server's keys, access key id as a plain value. */
    static ProviderSettings settings(S3ProxyServer server, String bucket, String prefix) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("endpoint", server.endpoint().toString(),
            "region", S3ProxyServer.REGION, "bucket", bucket, "pathStyle", "true", "accessKeyId", server.accessKey()));
        if (prefix != null) {
            values.put("prefix", prefix);
        }
        return new ProviderSettings(values, Map.of("secretAccessKey", server.secretKey()));
    }
}
