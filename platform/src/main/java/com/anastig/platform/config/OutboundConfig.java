package com.anastig.platform.config;

import com.anastig.plugin.api.Timeouts;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Outbound connections that plugins make: timeouts for all of them, and for organizations' own
 * endpoints which non-public addresses the operator allows ({@code scheme://host:port} entries) and
 * whether plain http is allowed at all.
 */
public record OutboundConfig(
    @NotNull Duration connectTimeout,
    @NotNull Duration readTimeout,
    @NotNull Duration callTimeout,
    Boolean allowHttp,
    List<String> allowList) {

    public OutboundConfig {
        connectTimeout = connectTimeout == null ? Duration.seconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.seconds(30) : readTimeout;
        callTimeout = callTimeout == null ? Duration.minutes(5) : callTimeout;
        allowHttp = allowHttp != null && allowHttp;
        allowList = allowList == null ? List.of() : List.copyOf(allowList);
    }

    public static OutboundConfig defaults() {
        return new OutboundConfig(null, null, null, null, null);
    }

    /** The rules for organizations' own endpoints, as tenant-config applies them. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public com.anastig.tenantconfig.OutboundAllowList tenantAllowList() {
        return new com.anastig.tenantconfig.OutboundAllowList(allowList, allowHttp);
    }

    @jakarta.validation.constraints.AssertTrue(message = "outbound.allowList entries must be exactly scheme://host:port (http or https, port given)")
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isAllowListValid() {
        try {
            tenantAllowList();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Timeouts timeouts() {
        return new Timeouts(java.time.Duration.ofMillis(connectTimeout.toMilliseconds()),
            java.time.Duration.ofMillis(readTimeout.toMilliseconds()),
            java.time.Duration.ofMillis(callTimeout.toMilliseconds()));
    }
}
