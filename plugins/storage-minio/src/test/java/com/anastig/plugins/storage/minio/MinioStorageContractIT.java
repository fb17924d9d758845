package com.anastig.plugins.storage.minio;

import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.testkit.StorageContract;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.testkit.s3.S3ProxyServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import java.util.Comparator;

/**
 * The storage contract against S3Proxy (in-memory backend) through the minio provider: one bucket for
 * the class, a fresh prefix per test. The provider has no documented differences of its own; two
 * hooks describe S3Proxy 4.1 as a backend (AWS S3 differs on both: it sorts by UTF-8 bytes and allows
 * an object and a folder of the same name).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinioStorageContractIT extends StorageContract {
    private S3ProxyServer server;
    private String bucket;

    @BeforeAll
    void startServer() throws Exception {
        server = S3ProxyServer.start(S3ProxyServer.Backend.TRANSIENT);
        bucket = DirectMinio.createBucket(server, "contract");
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** S3Proxy 4.1 lists keys in Java String (UTF-16) order; the provider passes that order through. */
    @Override
    protected Comparator<String> backendListingOrder() {
        return Comparator.naturalOrder();
    }

    /** S3Proxy's file-tree backend cannot hold 'a/b' beside 'a/b/c' and answers 500, which the provider reports as UNAVAILABLE. */
    @Override
    protected boolean supportsObjectAndFolderWithSameName() {
        return false;
    }

    @Override
    protected ProviderException.Kind objectAndFolderRefusal() {
        return ProviderException.Kind.UNAVAILABLE;
    }

    @Override
    protected ObjectStore createStore() {
        String prefix = "org-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        return new MinioStorageProviderFactory().create(DirectMinio.settings(server, bucket, prefix), providerContext());
    }
}
