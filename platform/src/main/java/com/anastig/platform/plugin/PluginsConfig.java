package com.anastig.platform.plugin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where plugins are loaded from, and optional pins.
 *
 * @param directory the plugins directory (PF4J zip plugins)
 * @param pins      plugin zip file name (e.g. {@code storage-s3-0.1.0.zip}) to its expected SHA-256 (hex);
 *                  a pinned plugin whose file does not match is refused
 */
public record PluginsConfig(@NotNull Path directory, Map<String, String> pins) {
    @JsonCreator
    public PluginsConfig(@JsonProperty("directory") Path directory, @JsonProperty("pins") Map<String, String> pins) {
        this.directory = directory;
        this.pins = pins == null ? Map.of() : Map.copyOf(pins);
    }
}
