package com.anastig.platform.plugin;

import com.codahale.metrics.health.HealthCheck;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Unhealthy when any plugin in the plugins directory did not start, or when a provider the
 * configuration needs is missing; lists the started plugins otherwise.
 */
public final class PluginsHealthCheck extends HealthCheck {
    private final PluginHost host;
    private final List<String> required;

    /**
     * @param required providers the configuration uses, as {@code storage:<id>} / {@code mail:<id>}
     */
    public PluginsHealthCheck(PluginHost host, List<String> required) {
        this.host = host;
        this.required = List.copyOf(required);
    }

    @Override
    protected Result check() {
        List<PluginInfo> plugins = host.plugins();
        List<String> problems = plugins.stream().filter(p -> !p.started())
            .map(p -> p.id() + " (" + p.file().getFileName() + ") " + p.state() + ": " + p.problem())
            .collect(Collectors.toList());
        ProviderRegistry registry = host.providers();
        problems.addAll(registry.conflicts());
        required.stream().filter(r -> !registry.isAvailable(r)).forEach(r -> problems.add("required provider " + r + " is not available"));
        String started = plugins.stream().filter(PluginInfo::started)
            .map(p -> p.id() + " " + p.version() + " " + p.provides()).collect(Collectors.joining(", "));
        ResultBuilder builder = problems.isEmpty() ? Result.builder().healthy() : Result.builder().unhealthy();
        return builder.withMessage(problems.isEmpty() ? "started: " + started : String.join("; ", problems))
            .withDetail("started", started)
            .build();
    }
}
