package com.anastig.platform.job;

import com.anastig.platform.tenant.OrgId;
import java.util.UUID;

/**
 * A claimed job: what to do ({@code kind}, on {@code subject} in {@code org}) and the fencing value of
 * this claim. Writes made on behalf of the job go through {@link JobQueue#requireFence} in the same
 * transaction, so after a takeover the old claimant's writes are refused.
 */
public record Job(UUID id, OrgId org, String kind, UUID subject, long fence, int attempts) {
}
