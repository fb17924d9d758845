package com.anastig.plugins.storage.fs;

import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.testkit.StorageContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract against a real folder. Documented differences: no presigned URLs, and a key
 * cannot be both an object and the folder of other keys.
 */
class FsStorageContractIT extends StorageContract {
    @TempDir
    Path root;

    @Override
    protected ObjectStore createStore() {
        return new FsStorageProviderFactory().create(
            ProviderSettings.of(Map.of("root", root.toString(), "prefix", "org-1/")), providerContext());
    }

    @Override
    protected boolean supportsPresignedUrls() {
        return false;
    }

    @Override
    protected boolean supportsObjectAndFolderWithSameName() {
        return false;
    }
}
