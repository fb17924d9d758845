package com.anastig.plugins.storage.minio;

import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingDescriptor;
import com.anastig.plugin.api.SettingProblem;
import com.anastig.plugin.api.StorageProviderFactory;
import java.util.List;
import org.pf4j.Extension;

/**
 * The {@code minio} storage provider: any S3-compatible bucket (MinIO, Ceph, Garage, AWS...) through
 * the MinIO Java client over OkHttp.
 *
 * <p>Settings: {@code endpoint} (required URL), {@code region} (required), {@code bucket} (required),
 * {@code prefix} (optional; a '/' is appended), {@code pathStyle} (default false) and {@code partSize}
 * (bytes, default 8 MiB: objects up to one part go up in one PUT, larger or unknown lengths in parts).
 * Secrets: {@code secretAccessKey} (secret only) and {@code accessKeyId} (a secret, or a plain value;
 * the secret wins). Only these static credentials and this region are used.
 */
@Extension
public class MinioStorageProviderFactory implements StorageProviderFactory {
    static final String ID = "minio";

    public MinioStorageProviderFactory() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Stores objects in an S3-compatible bucket through the MinIO client (presigned URLs, multipart uploads)";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return MinioSettings.descriptors();
    }

    @Override
    public List<SettingProblem> validate(ProviderSettings settings) {
        return MinioSettings.problems(settings);
    }

    @Override
    public ObjectStore create(ProviderSettings settings, ProviderContext context) {
        return new MinioObjectStore(MinioSettings.parse(settings), context.outbound(), context.clock());
    }
}
