package com.anastig.platform.config;

import com.anastig.platform.plugin.ProviderChoice;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The platform's managed storage: the provider plugin and settings of the managed bucket or folder. */
public record StorageConfig(@Valid @NotNull ProviderChoice managed) {
    @JsonCreator
    public StorageConfig(@JsonProperty("managed") ProviderChoice managed) {
        this.managed = managed;
    }
}
