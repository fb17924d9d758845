package com.anastig.platform.account;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code account}. Never serialized to clients: see the API records. */
public record AccountRow(UUID id, String email, String emailNormalized, Instant emailVerifiedAt, String name,
                         String passwordHash, Instant passwordChangedAt, boolean mfaEnabled, String organizationName,
                         String country, String industry, String intendedUse, String jobRole, String language,
                         String status, boolean operator, boolean analyticsCookies, Instant createdAt, Instant updatedAt) {

    public static final String UNVERIFIED = "unverified";
    public static final String ACTIVE = "active";
    public static final String FROZEN = "frozen";
    public static final String SUSPENDED = "suspended";

    @Override
    public String toString() {
        return "AccountRow[" + id + ", " + status + "]";
    }
}
