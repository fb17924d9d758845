package com.anastig.platform.tenant;

import io.dropwizard.core.setup.Environment;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.glassfish.jersey.internal.inject.InjectionManager;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The running application's own route table, read from Jersey's runtime resource model (what the
 * server really matches requests against, after every registration), not from a list kept by hand.
 * A sub-resource locator cannot be enumerated statically: it is reported as a route with the method
 * {@code LOCATOR}, so that it never slips past a table check.
 */
final class RouteTable {
    private RouteTable() {
    }

    /** A method and its full path template, as in {@code GET /api/v1/orgs/{orgId}/members}. */
    record Route(String method, String template) implements Comparable<Route> {
        @Override
        public String toString() {
            return method + " " + template;
        }

        @Override
        public int compareTo(Route o) {
            return Comparator.comparing(Route::template).thenComparing(Route::method).compare(this, o);
        }
    }

    /** A route and the Java method that serves it. */
    record Served(Route route, Class<?> handler, Method method, Object instance) {
    }

    /** The runtime configuration Jersey serves with (its registered component instances included). */
    static org.glassfish.jersey.server.ResourceConfig runtimeConfig(Environment environment) {
        return ((ServletContainer) environment.getJerseyServletContainer()).getApplicationHandler().getConfiguration();
    }

    /** Every route of the application (its own resources; Jersey's generated OPTIONS/HEAD are left out). */
    static List<Served> all(Environment environment) {
        ServletContainer container = (ServletContainer) Objects.requireNonNull(environment.getJerseyServletContainer(),
            "Jersey is not running");
        ApplicationHandler handler = container.getApplicationHandler();
        ExtendedResourceContext context = handler.getInjectionManager().getInstance(ExtendedResourceContext.class);
        List<Served> out = new ArrayList<>();
        for (Resource r : context.getResourceModel().getResources()) {
            walk(r, "", handler.getInjectionManager(), out);
        }
        out.sort(Comparator.comparing(Served::route));
        return out;
    }

    /** The routes under {@link OrgScopeFilter#ORG_ROUTE_PREFIX}. */
    static List<Served> orgRoutes(Environment environment) {
        return all(environment).stream()
            .filter(s -> s.route().template().equals(OrgScopeFilter.ORG_ROUTE_PREFIX)
                || s.route().template().startsWith(OrgScopeFilter.ORG_ROUTE_PREFIX + "/"))
            .toList();
    }

    private static void walk(Resource resource, String prefix, InjectionManager injection, List<Served> out) {
        String path = normalize(prefix + "/" + (resource.getPath() == null ? "" : resource.getPath()));
        for (ResourceMethod m : resource.getResourceMethods()) {
            add(m, path, injection, out);
        }
        if (resource.getResourceLocator() != null) {
            ResourceMethod locator = resource.getResourceLocator();
            out.add(new Served(new Route("LOCATOR", path), locator.getInvocable().getHandler().getHandlerClass(),
                locator.getInvocable().getDefinitionMethod(), instance(locator, injection)));
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, path, injection, out);
        }
    }

    private static void add(ResourceMethod m, String path, InjectionManager injection, List<Served> out) {
        Class<?> handler = m.getInvocable().getHandler().getHandlerClass();
        if (m.isExtended() || handler == null || !handler.getName().startsWith("com.anastig.")) {
            return; // Jersey's own OPTIONS/HEAD and WADL handlers
        }
        Method definition = m.getInvocable().getDefinitionMethod();
        String declared = normalize(OrgScopeFilter.template(handler, definition));
        if (!declared.equals(path)) {
            throw new IllegalStateException("the runtime model serves " + definition + " at " + path + " but its annotations say " + declared);
        }
        out.add(new Served(new Route(m.getHttpMethod(), path), handler, definition, instance(m, injection)));
    }

    /**
     * The one object serving the method: Jersey's own look-up, asked twice; null when it makes a new
     * one each time (a per-request resource) or cannot make one outside a request.
     */
    private static Object instance(ResourceMethod m, InjectionManager injection) {
        try {
            Object first = m.getInvocable().getHandler().getInstance(injection);
            return first != null && first == m.getInvocable().getHandler().getInstance(injection) ? first : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Collapses slashes, drops a trailing one and any regular expression in a template parameter. */
    static String normalize(String path) {
        String p = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
