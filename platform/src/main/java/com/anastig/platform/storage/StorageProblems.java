package com.anastig.platform.storage;

import com.anastig.plugin.api.ProviderException;

/** Human-readable, upstream-free words for a provider's failure, safe to show an organization. */
final class StorageProblems {
    private StorageProblems() {
    }

    static String detail(ProviderException e) {
        return switch (e.kind()) {
            case DENIED -> "access denied or endpoint not allowed";
            case NOT_FOUND -> "the bucket does not exist";
            case UNAVAILABLE -> "the storage could not be reached";
            case INVALID_CONFIG -> "the settings are not usable";
            default -> "the storage failed";
        };
    }
}
