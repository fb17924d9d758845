package com.anastig.platform.plugin;

import com.anastig.plugin.api.MailProviderFactory;
import com.anastig.plugin.api.ProviderFactory;
import com.anastig.plugin.api.StorageProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pf4j.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider factories of the started plugins, by provider id. Factories are fetched once (PF4J
 * makes a new instance per call) and shared. Asking for a provider that is not there explains why,
 * naming the plugin that should have provided it.
 */
public final class ProviderRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final Map<String, StorageProviderFactory> storage;
    private final Map<String, MailProviderFactory> mail;
    private final List<PluginInfo> plugins;
    private final List<String> conflicts;
    private final Map<String, String> providedBy;

    ProviderRegistry(Map<String, StorageProviderFactory> storage, Map<String, MailProviderFactory> mail, List<PluginInfo> plugins) {
        this(storage, mail, plugins, List.of(), Map.of());
    }

    private ProviderRegistry(Map<String, StorageProviderFactory> storage, Map<String, MailProviderFactory> mail,
                             List<PluginInfo> plugins, List<String> conflicts, Map<String, String> providedBy) {
        this.storage = Map.copyOf(storage);
        this.mail = Map.copyOf(mail);
        this.plugins = List.copyOf(plugins);
        this.conflicts = List.copyOf(conflicts);
        this.providedBy = Map.copyOf(providedBy);
    }

    static ProviderRegistry from(PluginManager pm, Map<String, PluginInfo> found) {
        Map<String, StorageProviderFactory> storage = new TreeMap<>();
        Map<String, MailProviderFactory> mail = new TreeMap<>();
        Map<String, PluginInfo> owners = new TreeMap<>();
        List<String> conflicts = new ArrayList<>();
        // found is in file-name order, so the first plugin to provide an id wins, deterministically
        for (PluginInfo p : found.values()) {
            if (!p.started()) {
                continue;
            }
            collect(pm, p, StorageProviderFactory.class, storage, "storage", owners, conflicts);
            collect(pm, p, MailProviderFactory.class, mail, "mail", owners, conflicts);
        }
        Map<String, String> providedBy = new TreeMap<>();
        owners.forEach((qualified, plugin) -> providedBy.put(qualified, plugin.id()));
        return new ProviderRegistry(storage, mail, List.copyOf(found.values()), conflicts, providedBy);
    }

    private static <F extends ProviderFactory<?>> void collect(PluginManager pm, PluginInfo plugin, Class<F> type, Map<String, F> into,
                                                              String kind, Map<String, PluginInfo> owners, List<String> conflicts) {
        for (F factory : pm.getExtensions(type, plugin.id())) {
            String qualified = kind + ":" + factory.id();
            if (into.putIfAbsent(factory.id(), factory) != null) {
                PluginInfo owner = owners.get(qualified);
                String conflict = qualified + " is provided by plugin " + owner.id() + " (" + owner.file().getFileName() + ") and by plugin "
                    + plugin.id() + " (" + plugin.file().getFileName() + "): the one from " + owner.file().getFileName() + " is used";
                LOG.error("Provider conflict: {}", conflict);
                conflicts.add(conflict);
            } else {
                owners.put(qualified, plugin);
            }
        }
    }

    /** The plugin id behind each available provider, such as {@code storage:fs -> fs}. */
    public Map<String, String> providedBy() {
        return providedBy;
    }

    /** Provider ids offered by more than one started plugin (the first, by file name, is used). */
    public List<String> conflicts() {
        return conflicts;
    }

    /** What a started plugin provides, as {@code storage:<id>} and {@code mail:<id>}. */
    static List<String> provides(PluginManager pm, String pluginId) {
        List<String> out = new ArrayList<>();
        pm.getExtensions(StorageProviderFactory.class, pluginId).forEach(f -> out.add("storage:" + f.id()));
        pm.getExtensions(MailProviderFactory.class, pluginId).forEach(f -> out.add("mail:" + f.id()));
        return out;
    }

    public StorageProviderFactory storage(String id) {
        StorageProviderFactory f = storage.get(id);
        if (f == null) {
            throw notAvailable("storage", id);
        }
        return f;
    }

    public MailProviderFactory mail(String id) {
        MailProviderFactory f = mail.get(id);
        if (f == null) {
            throw notAvailable("mail", id);
        }
        return f;
    }

    /** Every provider of a started plugin, as {@code storage:<id>} / {@code mail:<id>}. */
    public List<String> provided() {
        List<String> out = new ArrayList<>();
        storage.keySet().forEach(id -> out.add("storage:" + id));
        mail.keySet().forEach(id -> out.add("mail:" + id));
        return out;
    }

    /** Whether {@code storage:<id>} or {@code mail:<id>} is available. */
    public boolean isAvailable(String qualifiedId) {
        return provided().contains(qualifiedId);
    }

    ProviderNotAvailableException notAvailable(String kind, String id) {
        // our plugins use the provider id as plugin id; name that plugin's problem if it has one
        String why = plugins.stream().filter(p -> p.id().equals(id) && !p.started()).findFirst()
            .map(p -> "plugin '" + p.id() + "' (" + p.file().getFileName() + ") " + p.state() + ": " + p.problem())
            .orElseGet(() -> {
                String broken = plugins.stream().filter(p -> !p.started())
                    .map(p -> p.id() + " " + p.state()).collect(Collectors.joining(", "));
                return "no started plugin provides it" + (broken.isEmpty() ? "" : " (plugins not started: " + broken + ")");
            });
        return new ProviderNotAvailableException(kind + " provider '" + id + "' is not available: " + why);
    }
}
