package com.anastig.plugin.api;

/**
 * The version of this API. A plugin declares the version it needs in its {@code plugin.properties}
 * ({@code plugin.requires}); the host refuses a plugin that needs a newer API than this one.
 * Follows semantic versioning: a minor version adds, a major version breaks.
 */
public final class PluginApi {
    /** Kept equal to {@code anastig.plugin-api.version} in the root pom (a test checks it). */
    public static final String VERSION = "1.0.0";

    private PluginApi() {
    }
}
