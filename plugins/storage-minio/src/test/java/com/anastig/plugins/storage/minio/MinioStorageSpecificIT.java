package com.anastig.plugins.storage.minio;

import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.StorageProviderFactory;
import com.anastig.plugin.testkit.s3.S3CompatibleProviderContract;
import com.anastig.plugin.testkit.s3.S3ProxyServer;

/** The S3-compatible failure and multipart cases for the minio provider (MinIO client), against S3Proxy. */
class MinioStorageSpecificIT extends S3CompatibleProviderContract {
    @Override
    protected StorageProviderFactory factory() {
        return new MinioStorageProviderFactory();
    }

    @Override
    protected String createBucket(S3ProxyServer server, String name) throws Exception {
        return DirectMinio.createBucket(server, name);
    }

    @Override
    protected ProviderSettings settings(S3ProxyServer server, String bucket, String prefix) {
        return DirectMinio.settings(server, bucket, prefix);
    }
}
