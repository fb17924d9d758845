package com.anastig.tenantconfig;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The storage provider plugins a bring-your-own bucket may name; {@link #id()} is the plugin's provider id. */
public enum StorageProvider {
    S3("s3"),
    MINIO("minio");

    private final String id;

    StorageProvider(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The provider with exactly this id (lowercase); anything else is refused. */
    @JsonCreator
    public static StorageProvider fromId(String id) {
        for (StorageProvider p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unsupported storage provider; expected one of s3, minio");
    }
}
