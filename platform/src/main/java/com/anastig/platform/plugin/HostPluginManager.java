package com.anastig.platform.plugin;

import com.anastig.plugin.api.PluginApi;
import java.nio.file.Path;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.RuntimeMode;

/**
 * PF4J as the host uses it: always deployment mode, plugins loaded only from folders the host
 * unpacked itself, each with an {@link IsolatingPluginClassLoader}, and the system version set to
 * the plugin API version.
 */
final class HostPluginManager extends DefaultPluginManager {

    HostPluginManager(Path unpackedPlugins) {
        super(unpackedPlugins);
        setSystemVersion(PluginApi.VERSION);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        // a stray -Dpf4j.mode=development must not switch to loading classes from build folders
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new IsolatingLoader(this);
    }

    private static final class IsolatingLoader extends DefaultPluginLoader {
        IsolatingLoader(PluginManager pluginManager) {
            super(pluginManager);
        }

        @Override
        protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new IsolatingPluginClassLoader(pluginManager, descriptor, HostPluginManager.class.getClassLoader());
        }
    }
}
