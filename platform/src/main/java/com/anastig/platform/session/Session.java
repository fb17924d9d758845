package com.anastig.platform.session;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A live session as cached in Hazelcast (keyed by the token's SHA-256; the token itself is never
 * stored). The database row is the record; the cache entry dies with a revocation on every node.
 */
public record Session(UUID id, UUID accountId, String csrfToken, Instant createdAt, Instant lastSeenAt,
                      Instant absoluteExpiresAt, Instant mfaVerifiedAt, String country, String userAgentSummary)
    implements Serializable {

    public Session withLastSeen(Instant at) {
        return new Session(id, accountId, csrfToken, createdAt, at, absoluteExpiresAt, mfaVerifiedAt, country, userAgentSummary);
    }

    public Session withMfaVerified(Instant at) {
        return new Session(id, accountId, csrfToken, createdAt, lastSeenAt, absoluteExpiresAt, at, country, userAgentSummary);
    }

    @Override
    public String toString() {
        return "Session[" + id + "]";
    }
}
