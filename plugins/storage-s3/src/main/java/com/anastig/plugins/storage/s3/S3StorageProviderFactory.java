package com.anastig.plugins.storage.s3;

import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingDescriptor;
import com.anastig.plugin.api.SettingProblem;
import com.anastig.plugin.api.StorageProviderFactory;
import java.util.List;
import org.pf4j.Extension;

/**
 * The {@code s3} storage provider: any S3-compatible bucket through the AWS SDK for Java v2 (sync
 * client over the Apache HTTP client).
 *
 * <p>Settings: {@code endpoint} (optional URL; AWS's regional endpoint when empty), {@code region}
 * (required), {@code bucket} (required), {@code prefix} (optional; a '/' is appended), {@code pathStyle}
 * (default false), {@code partSize} and {@code multipartThreshold} (bytes, default 8 MiB each).
 * Secrets: {@code secretAccessKey} (secret only) and {@code accessKeyId} (a secret, or a plain value
 * when the operator does not consider it secret; the secret wins). Only these static credentials and
 * this region are used: never the AWS default credential or region chains, nor a local AWS profile.
 */
@Extension
public class S3StorageProviderFactory implements StorageProviderFactory {
    static final String ID = "s3";

    public S3StorageProviderFactory() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Stores objects in an S3-compatible bucket through the AWS SDK (presigned URLs, multipart uploads)";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return S3Settings.descriptors();
    }

    @Override
    public List<SettingProblem> validate(ProviderSettings settings) {
        return S3Settings.problems(settings);
    }

    @Override
    public ObjectStore create(ProviderSettings settings, ProviderContext context) {
        return new S3ObjectStore(S3Settings.parse(settings), context.outbound(), context.clock());
    }
}
