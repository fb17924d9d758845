package com.anastig.platform.plugin;

import com.anastig.plugin.api.ProviderSettings;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * Which provider plugin the operator chose for a platform-level role (managed storage, mail), and
 * the settings to create its instance with. Secrets are usually given as ${ENV_VAR} references.
 *
 * @param provider the provider id, such as {@code fs}, {@code s3}, {@code log}, {@code smtp}
 * @param settings plain settings
 * @param secrets  secret settings (never logged)
 */
public record ProviderChoice(
    @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String provider,
    Map<String, String> settings,
    Map<String, String> secrets) {

    @JsonCreator
    public ProviderChoice(@JsonProperty("provider") String provider,
                          @JsonProperty("settings") Map<String, String> settings,
                          @JsonProperty("secrets") Map<String, String> secrets) {
        this.provider = provider;
        this.settings = settings == null ? Map.of() : Map.copyOf(settings);
        this.secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    public ProviderSettings toProviderSettings() {
        return new ProviderSettings(settings, secrets);
    }

    @Override
    public String toString() {
        return "ProviderChoice[" + provider + ", settings=" + settings + ", secrets=" + secrets.keySet() + "]";
    }
}
