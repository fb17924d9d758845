package com.anastig.platform.config;

import com.anastig.platform.plugin.ProviderChoice;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The platform's managed storage (the provider plugin and settings of the managed bucket or folder) and the default quota. */
public record StorageConfig(@Valid @NotNull ProviderChoice managed, io.dropwizard.util.DataSize defaultQuota) {
    /**
     * @param defaultQuota what each organization may store unless an operator sets its own quota;
     *                     null: no limit
     */
    @JsonCreator
    public StorageConfig(@JsonProperty("managed") ProviderChoice managed, @JsonProperty("defaultQuota") io.dropwizard.util.DataSize defaultQuota) {
        this.managed = managed;
        this.defaultQuota = defaultQuota;
    }
}
