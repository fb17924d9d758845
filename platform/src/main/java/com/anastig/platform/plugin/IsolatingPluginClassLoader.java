package com.anastig.platform.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: the plugin API, PF4J and SLF4J come from the platform (so types and
 * logging are shared), the JDK from the platform class loader, and everything else only from the
 * plugin's own {@code lib/}. Unlike PF4J's default (plugin first, then the whole application class
 * path), a plugin never sees the platform's Jackson, Jetty, Hazelcast..., and cannot shadow the API.
 * Plugin-to-plugin dependencies are not supported.
 */
final class IsolatingPluginClassLoader extends PluginClassLoader {
    /** Packages a plugin shares with the platform; everything else is the plugin's own. */
    static final List<String> SHARED_PACKAGES = List.of("com.anastig.plugin.api.", "org.pf4j.", "org.slf4j.");

    private final ClassLoader platform;
    private final ClassLoader jdk = ClassLoader.getPlatformClassLoader();

    IsolatingPluginClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader platform) {
        super(pluginManager, descriptor, platform);
        this.platform = platform;
    }

    static boolean shared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        return loadClass(className, false);
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (shared(className)) {
            return platform.loadClass(className);
        }
        synchronized (getClassLoadingLock(className)) {
            Class<?> c = findLoadedClass(className);
            if (c == null) {
                try {
                    c = jdk.loadClass(className);
                } catch (ClassNotFoundException notInTheJdk) {
                    c = findClass(className);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        if (own != null) {
            return own;
        }
        return sharedResource(name) ? platform.getResource(name) : jdk.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(sharedResource(name) ? platform.getResources(name) : jdk.getResources(name)));
        return Collections.enumeration(all);
    }

    private static boolean sharedResource(String name) {
        return shared(name.replace('/', '.'));
    }
}
