package com.anastig.platform.plugin;

import com.anastig.plugin.api.PluginApi;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the provider plugins (PF4J zips) from the plugins directory. Each zip is staged and hashed,
 * checked (readable, pin, required API version, unique id), unpacked into a fresh folder and loaded
 * from there, so what runs is what was checked. A plugin that fails anywhere is recorded with its
 * problem and the others still start: the platform never stops for a broken plugin.
 */
public final class PluginHost implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final PluginsConfig config;
    private final Path workDirectory;
    private volatile DefaultPluginManager manager;
    private volatile Map<String, PluginInfo> plugins = Map.of();
    private volatile ProviderRegistry registry = new ProviderRegistry(Map.of(), Map.of(), List.of());

    /**
     * @param workDirectory a folder of this node's own; emptied at every start
     */
    public PluginHost(PluginsConfig config, Path workDirectory) {
        this.config = config;
        this.workDirectory = workDirectory;
    }

    @Override
    public synchronized void start() throws IOException {
        deleteRecursively(workDirectory);
        Path staging = Files.createDirectories(workDirectory.resolve("staged"));
        Path unpacked = Files.createDirectories(workDirectory.resolve("unpacked"));
        DefaultPluginManager pm = new HostPluginManager(unpacked);
        manager = pm;

        Map<String, PluginInfo> found = new LinkedHashMap<>();
        Map<String, PluginZip> accepted = new LinkedHashMap<>();
        for (Path zip : zips()) {
            String name = zip.getFileName().toString();
            PluginZip staged;
            try {
                staged = PluginZip.stage(zip, staging);
            } catch (PluginZip.UnreadablePluginException e) {
                found.put(name, refused(name, "?", zip, e.sha256, null, e.getMessage()));
                continue;
            }
            String problem = check(staged, accepted);
            if (problem != null) {
                found.put(name, refused(staged.id(), staged.version(), zip, staged.sha256(), staged.requires(), problem));
                continue;
            }
            accepted.put(staged.id(), staged);
            found.put(staged.id(), load(pm, staged, unpacked.resolve(String.format("%03d", accepted.size()))));
        }
        startAll(pm, found);
        plugins = found;
        registry = ProviderRegistry.from(pm, found);
        found.values().forEach(p -> {
            if (p.started()) {
                LOG.info("Plugin {} {} started, provides {}", p.id(), p.version(), p.provides());
            } else {
                LOG.error("Plugin {} ({}) {}: {}", p.id(), p.file().getFileName(), p.state(), p.problem());
            }
        });
    }

    private String check(PluginZip zip, Map<String, PluginZip> accepted) {
        String name = zip.original().getFileName().toString();
        String pin = config.pins().get(name);
        if (pin != null && !pin.trim().toLowerCase(Locale.ROOT).equals(zip.sha256())) {
            return "SHA-256 " + zip.sha256() + " does not match the pin in plugins.pins";
        }
        PluginZip earlier = accepted.get(zip.id());
        if (earlier != null) {
            return "duplicate plugin id '" + zip.id() + "': already loaded from " + earlier.original().getFileName();
        }
        String requires = zip.requires();
        if (requires != null) {
            String constraint = requires.matches("\\d+\\.\\d+\\.\\d+") ? ">=" + requires : requires;
            boolean ok;
            try {
                ok = new DefaultVersionManager().checkVersionConstraint(PluginApi.VERSION, constraint);
            } catch (RuntimeException e) {
                return "plugin.requires '" + requires + "' is not a version constraint";
            }
            if (!ok) {
                return "needs plugin API " + constraint + ", this platform provides " + PluginApi.VERSION + ": not loaded";
            }
        }
        return null;
    }

    /** {@code folder} is named by the host, never after the plugin id the zip declares. */
    private static PluginInfo load(DefaultPluginManager pm, PluginZip zip, Path folder) {
        try {
            Path dir = zip.unpack(folder);
            pm.loadPlugin(dir);
            return new PluginInfo(zip.id(), zip.version(), PluginInfo.STOPPED, List.of(), zip.original(), zip.sha256(), zip.requires(), null);
        } catch (IOException | RuntimeException e) {
            return refused(zip.id(), zip.version(), zip.original(), zip.sha256(), zip.requires(), "could not be loaded: " + e.getMessage());
        }
    }

    private static void startAll(DefaultPluginManager pm, Map<String, PluginInfo> found) {
        pm.startPlugins();
        for (PluginWrapper w : pm.getPlugins()) {
            PluginInfo info = found.get(w.getPluginId());
            if (info == null) {
                continue;
            }
            if (w.getPluginState() == PluginState.STARTED) {
                List<String> provides = ProviderRegistry.provides(pm, w.getPluginId());
                found.put(w.getPluginId(), provides.isEmpty()
                    ? withState(info, PluginInfo.FAILED, provides, "started but provides no storage or mail provider"
                        + " (no extensions.idx, or its extension classes could not be loaded: see the log)")
                    : withState(info, PluginInfo.STARTED, provides, null));
            } else {
                found.put(w.getPluginId(), withState(info, PluginInfo.FAILED, List.of(), "did not start: " + whyNotStarted(w)));
            }
        }
    }

    private static String whyNotStarted(PluginWrapper w) {
        Throwable failure = w.getFailedException();
        if (failure == null) {
            return "state " + w.getPluginState();
        }
        if (failure instanceof NullPointerException && w.getPlugin() == null) {
            // PF4J logs the cause and returns no plugin instance; start() then fails on null
            return "plugin.class '" + w.getDescriptor().getPluginClass() + "' could not be loaded or instantiated";
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static PluginInfo withState(PluginInfo p, String state, List<String> provides, String problem) {
        return new PluginInfo(p.id(), p.version(), state, provides, p.file(), p.sha256(), p.requires(), problem);
    }

    private static PluginInfo refused(String id, String version, Path file, String sha256, String requires, String problem) {
        return new PluginInfo(id, version, PluginInfo.REFUSED, List.of(), file, sha256, requires, problem);
    }

    private List<Path> zips() throws IOException {
        Path dir = config.directory();
        if (!Files.isDirectory(dir)) {
            LOG.error("The plugins directory {} does not exist: no provider is available", dir.toAbsolutePath());
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".zip") && Files.isRegularFile(f))
                .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        }
    }

    @Override
    public synchronized void stop() throws IOException {
        DefaultPluginManager pm = manager;
        if (pm != null) {
            // one by one over a copy: stopPlugins() can throw ConcurrentModificationException
            for (PluginWrapper w : new ArrayList<>(pm.getStartedPlugins())) {
                try {
                    pm.stopPlugin(w.getPluginId());
                } catch (RuntimeException e) {
                    LOG.warn("Plugin {} did not stop cleanly: {}", w.getPluginId(), e.getMessage());
                }
            }
            for (PluginWrapper w : new ArrayList<>(pm.getPlugins())) {
                try {
                    pm.unloadPlugin(w.getPluginId());
                } catch (RuntimeException e) {
                    LOG.warn("Plugin {} did not unload cleanly: {}", w.getPluginId(), e.getMessage());
                }
            }
        }
        Map<String, PluginInfo> stopped = new HashMap<>();
        plugins.forEach((k, p) -> stopped.put(k, p.started() ? withState(p, PluginInfo.STOPPED, p.provides(), "stopped") : p));
        plugins = stopped;
        registry = new ProviderRegistry(Map.of(), Map.of(), List.copyOf(stopped.values()));
        manager = null;
        deleteRecursively(workDirectory);
    }

    /** Every plugin zip found, in file-name order, with its state. */
    public List<PluginInfo> plugins() {
        return plugins.values().stream().sorted(Comparator.comparing(p -> p.file().getFileName().toString())).toList();
    }

    /** The providers of the started plugins. */
    public ProviderRegistry providers() {
        return registry;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
