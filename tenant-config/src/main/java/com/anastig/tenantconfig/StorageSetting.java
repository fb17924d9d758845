package com.anastig.tenantconfig;

import com.anastig.plugin.api.ProviderSettings;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an organization's bytes live: the platform's managed bucket, or its own S3-compatible bucket.
 * JSON: {@code {"mode":"managed"}} or {@code {"mode":"byo","provider":"s3",...}}. Values are not checked
 * here: {@link StorageSettingValidator} does that, so a parsed setting can be reported field by field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "mode")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StorageSetting.Managed.class, name = "managed"),
        @JsonSubTypes.Type(value = StorageSetting.Byo.class, name = "byo")})
public sealed interface StorageSetting permits StorageSetting.Managed, StorageSetting.Byo {

    /** What a redacted secret reads as, in GET answers and in {@code toString()}. */
    String REDACTED = "********";

    /** The view for a GET answer: every secret replaced by {@link #REDACTED}. */
    StorageSetting redacted();

    /** The platform's managed bucket. */
    @JsonTypeName("managed")
    record Managed() implements StorageSetting {
        @Override
        public StorageSetting redacted() {
            return this;
        }
    }

    /**
     * A bucket the organization brings. {@code prefix} is optional (null when absent); {@code pathStyle}
     * is required (true for most MinIO servers); the two keys are the provider's static credentials (the secret is plaintext here, or sealed when stored).
     */
    @JsonTypeName("byo")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"provider", "endpoint", "region", "bucket", "prefix", "pathStyle", "accessKeyId", "secretAccessKey"})
    record Byo(StorageProvider provider, String endpoint, String region, String bucket, String prefix,
               @JsonSetter(nulls = Nulls.FAIL) boolean pathStyle, String accessKeyId, String secretAccessKey) implements StorageSetting {

        @Override
        public Byo redacted() {
            return withSecretAccessKey(REDACTED);
        }

        public Byo withSecretAccessKey(String secret) {
            return new Byo(provider, endpoint, region, bucket, prefix, pathStyle, accessKeyId, secret);
        }

        /** True when the secret is the GET placeholder, i.e. the client sent back what it was shown. */
        public boolean secretIsRedactedPlaceholder() {
            return REDACTED.equals(secretAccessKey);
        }

        /**
         * The settings the {@code s3} and {@code minio} storage providers read: values {@code endpoint,
         * region, bucket, prefix, pathStyle}; secrets {@code accessKeyId, secretAccessKey}.
         *
         * @throws IllegalStateException when the secret is still sealed or is the redacted placeholder
         */
        public ProviderSettings toProviderSettings() {
            if (secretAccessKey == null || secretIsRedactedPlaceholder() || Sealer.isSealed(secretAccessKey)) {
                throw new IllegalStateException("the secret access key must be opened before provider settings are built");
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("endpoint", endpoint);
            values.put("region", region);
            values.put("bucket", bucket);
            if (prefix != null) {
                values.put("prefix", prefix);
            }
            values.put("pathStyle", Boolean.toString(pathStyle));
            Map<String, String> secrets = new LinkedHashMap<>();
            secrets.put("accessKeyId", accessKeyId);
            secrets.put("secretAccessKey", secretAccessKey);
            return new ProviderSettings(values, secrets);
        }

        @Override
        public String toString() {
            return "Byo[provider=" + (provider == null ? null : provider.id()) + ", endpoint=" + endpoint
                    + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix + ", pathStyle=" + pathStyle
                    + ", accessKeyId=" + maskAccessKey(accessKeyId) + ", secretAccessKey="
                    + (secretAccessKey == null ? null : REDACTED) + "]";
        }

        private static String maskAccessKey(String id) {
            if (id == null) {
                return null;
            }
            return id.length() <= 4 ? REDACTED : id.substring(0, 4) + REDACTED;
        }
    }
}
