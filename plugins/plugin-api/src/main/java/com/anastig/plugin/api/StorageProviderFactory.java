package com.anastig.plugin.api;

/** The extension point for storage providers ({@code fs}, {@code s3}, {@code minio}, ...). */
public interface StorageProviderFactory extends ProviderFactory<ObjectStore> {
}
