package com.anastig.platform.tenant;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * Walks an object graph through the fields of Anastig's own classes (and the collections, maps,
 * arrays, optionals and atomic references they hold), once per object, recording the paths that
 * lead to a {@link CrossTenantDb} and every {@link Jdbi} on the way. Third-party objects are leaves.
 */
final class ObjectGraph {
    private final Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> crossTenant = new ArrayList<>();
    private final Map<String, Jdbi> jdbis = new LinkedHashMap<>();

    void walk(Object o, String path) throws IllegalAccessException {
        if (o == null || o instanceof Class<?> || o instanceof String || o.getClass().isPrimitive()) {
            return;
        }
        if (o instanceof CrossTenantDb) {
            crossTenant.add(path);
            return;
        }
        if (o instanceof Jdbi j) {
            if (!jdbis.containsValue(j)) {
                jdbis.put(path, j);
            }
            return;
        }
        if (!seen.add(o)) {
            return;
        }
        if (o instanceof Collection<?> c) {
            for (Object e : List.copyOf(c.stream().filter(java.util.Objects::nonNull).toList())) {
                walk(e, path + "[]");
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : List.copyOf(m.entrySet())) {
                walk(e.getKey(), path + "{key}");
                walk(e.getValue(), path + "{" + e.getKey() + "}");
            }
            return;
        }
        if (o instanceof Optional<?> opt) {
            walk(opt.orElse(null), path);
            return;
        }
        if (o instanceof AtomicReference<?> ref) {
            walk(ref.get(), path);
            return;
        }
        if (o.getClass().isArray()) {
            if (!o.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(o); i++) {
                    walk(Array.get(o, i), path + "[" + i + "]");
                }
            }
            return;
        }
        if (!o.getClass().getName().startsWith("com.anastig.")) {
            return;
        }
        for (Class<?> k = o.getClass(); k != null && k.getName().startsWith("com.anastig."); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                f.setAccessible(true);
                walk(f.get(o), path + " -> " + simple(k) + "." + f.getName());
            }
        }
    }

    private static String simple(Class<?> k) {
        String n = k.getName();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    List<String> crossTenant() {
        return crossTenant;
    }

    Map<String, Jdbi> jdbis() {
        return jdbis;
    }

    int objects() {
        return seen.size();
    }
}
