package com.anastig.platform.cluster;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/**
 * The embedded Hazelcast member. Alone by default; with {@code members} (host:port) it joins them
 * over TCP-IP. Multicast, auto-detection and phone-home are always off.
 */
public record HazelcastConfig(
    @NotBlank String clusterName,
    @NotBlank String bindAddress,
    @Min(1) @Max(65535) Integer port,
    Boolean portAutoIncrement,
    List<String> members) {

    public HazelcastConfig {
        clusterName = clusterName == null ? "anastig" : clusterName;
        bindAddress = bindAddress == null ? "127.0.0.1" : bindAddress;
        port = port == null ? 5701 : port;
        portAutoIncrement = portAutoIncrement == null || portAutoIncrement;
        members = members == null ? List.of() : List.copyOf(members);
    }

    public static HazelcastConfig defaults() {
        return new HazelcastConfig(null, null, null, null, null);
    }
}
