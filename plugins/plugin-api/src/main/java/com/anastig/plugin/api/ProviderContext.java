package com.anastig.plugin.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What the host hands a provider instance besides its settings.
 *
 * @param outbound      the policy every outbound connection must go through
 * @param clock         the time source (presigned URL expiry, file names); never the system clock directly
 * @param workDirectory a private folder the instance may use for temporary files
 */
public record ProviderContext(OutboundPolicy outbound, Clock clock, Path workDirectory) {
    public ProviderContext {
        Objects.requireNonNull(outbound, "outbound");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(workDirectory, "workDirectory");
    }
}
