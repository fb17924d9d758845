package com.anastig.platform.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * What the host knows of one plugin zip in the plugins directory, loaded or not.
 *
 * @param id       the plugin id from its {@code plugin.properties}, or the file name when unreadable
 * @param version  the plugin's version, or "?"
 * @param state    {@code STARTED}, {@code FAILED} (loaded but did not start), {@code REFUSED} (not
 *                 loaded: corrupt, newer API, duplicate id, pin mismatch), {@code STOPPED}
 * @param provides what it provides, such as {@code storage:s3} or {@code mail:log}
 * @param file     the zip
 * @param sha256   the zip's SHA-256 (hex), or null when it could not be read
 * @param requires the plugin API version it needs, or null
 * @param problem  why it is not started, safe to show operators; null when started
 */
public record PluginInfo(String id, String version, String state, List<String> provides, Path file, String sha256,
                         String requires, String problem) {
    public static final String STARTED = "STARTED";
    public static final String FAILED = "FAILED";
    public static final String REFUSED = "REFUSED";
    public static final String STOPPED = "STOPPED";

    public PluginInfo {
        provides = List.copyOf(provides);
    }

    public boolean started() {
        return STARTED.equals(state);
    }
}
