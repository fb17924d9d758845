package com.anastig.plugin.testkit;

/**
 * The contract every {@link com.anastig.plugin.api.ObjectStore} passes against its real backend.
 *
 * <p>A provider's integration test extends this class and implements {@link #createStore()}, which
 * must return a store over an empty location (a fresh folder, bucket or prefix) on every call,
 * created with {@link #providerContext()} so the contract's {@link #clock()} reaches the provider:
 * <pre>{@code
 * class FsStorageContractIT extends StorageContract {
 *     @TempDir Path root;
 *     protected ObjectStore createStore() {
 *         return new FsStorageProviderFactory().create(ProviderSettings.of(Map.of("root", root.toString())), providerContext());
 *     }
 *     protected boolean supportsPresignedUrls() { return false; }
 * }
 * }</pre>
 *
 * <p>The tests live in the superclasses, one concern each: {@link StorageContractObjectTests} (put,
 * get and ranges, head, delete, copy, overwrite, empty objects, unusual keys, failed puts),
 * {@link StorageContractListingTests} (prefixes, UTF-8 order, paging), {@link StorageContractKeyRuleTests}
 * (escaping keys refused by every operation), {@link StorageContractStreamingTests} (a
 * {@link #largeObjectSize() 64 MiB} object streamed with bounded heap, concurrent puts) and
 * {@link StorageContractPresignTests} (presigned PUT/GET through {@code java.net.http}, expiry, the
 * self-test).
 *
 * <p>A provider overrides only the hooks for behaviour it documents as different:
 * {@link #supportsPresignedUrls()}, {@link #presignedGetHonoursDownloadHints()},
 * {@link #supportsObjectAndFolderWithSameName()}, {@link #unusualKeys()},
 * {@link #largeObjectSize()}, {@link #maxHeapGrowth()} and {@link #requiredSelfTestSteps()}.
 */
public abstract class StorageContract extends StorageContractPresignTests {
}
