package com.anastig.platform.plugin;

import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.SelfTestStep;
import com.codahale.metrics.health.HealthCheck;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks one operator-chosen provider instance by its self-test (connect, authenticate, and for
 * storage a probe write/read/delete). Healthy only when the instance exists and every step passes.
 *
 * @param <T> the instance type
 */
public final class ManagedProviderHealthCheck<T extends AutoCloseable> extends HealthCheck {
    private final ManagedProvider<T> provider;
    private final Function<T, SelfTestReport> selfTest;

    public ManagedProviderHealthCheck(ManagedProvider<T> provider, Function<T, SelfTestReport> selfTest) {
        this.provider = provider;
        this.selfTest = selfTest;
    }

    @Override
    protected Result check() {
        if (provider.problem().isPresent()) {
            return Result.unhealthy(provider.problem().get());
        }
        SelfTestReport report = selfTest.apply(provider.get());
        String steps = report.steps().stream().map(s -> s.name() + (s.ok() ? " ok" : " FAILED: " + s.detail()))
            .collect(Collectors.joining(", "));
        if (!report.ok()) {
            return Result.unhealthy("provider '%s' for the %s fails its self-test: %s", provider.providerId(), provider.role(),
                report.firstFailure().map(SelfTestStep::detail).orElse("no steps"));
        }
        return Result.builder().healthy().withMessage("provider '%s': %s", provider.providerId(), steps).build();
    }
}
