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

    ProviderRegistry(Map<String, StorageProviderFactory> storage, Map<String, MailProviderFactory> mail, List<PluginInfo> plugins) {
        this.storage = Map.copyOf(storage);
        this.mail = Map.copyOf(mail);
        this.plugins = List.copyOf(plugins);
    }

    static ProviderRegistry from(PluginManager pm, Map<String, PluginInfo> found) {
        Map<String, StorageProviderFactory> storage = new TreeMap<>();
        Map<String, MailProviderFactory> mail = new TreeMap<>();
        for (PluginInfo p : found.values()) {
            if (!p.started()) {
                continue;
            }
            collect(pm, p.id(), StorageProviderFactory.class, storage, "storage");
            collect(pm, p.id(), MailProviderFactory.class, mail, "mail");
        }
        return new ProviderRegistry(storage, mail, List.copyOf(found.values()));
    }

    private static <F extends ProviderFactory<?>> void collect(PluginManager pm, String pluginId, Class<F> type, Map<String, F> into,
                                                              String kind) {
        for (F factory : pm.getExtensions(type, pluginId)) {
            F earlier = into.putIfAbsent(factory.id(), factory);
            if (earlier != null) {
                LOG.error("Plugin {} also provides {}:{}; the first one found is kept", pluginId, kind, factory.id());
            }
        }
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
