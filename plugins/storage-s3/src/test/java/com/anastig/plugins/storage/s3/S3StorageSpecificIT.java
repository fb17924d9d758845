package com.anastig.plugins.storage.s3;

import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.StorageProviderFactory;
import com.anastig.plugin.testkit.s3.S3CompatibleProviderContract;
import com.anastig.plugin.testkit.s3.S3ProxyServer;

/** The S3-compatible failure and multipart cases for the s3 provider (AWS SDK v2), against S3Proxy. */
class S3StorageSpecificIT extends S3CompatibleProviderContract {
    @Override
    protected StorageProviderFactory factory() {
        return new S3StorageProviderFactory();
    }

    @Override
    protected String createBucket(S3ProxyServer server, String name) {
        return DirectS3.createBucket(server, name);
    }

    @Override
    protected ProviderSettings settings(S3ProxyServer server, String bucket, String prefix) {
        return DirectS3.settings(server, bucket, prefix);
    }
}
