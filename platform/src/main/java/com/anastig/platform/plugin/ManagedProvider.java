package com.anastig.platform.plugin;

import com.anastig.plugin.api.ProviderFactory;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SettingProblem;
import io.dropwizard.lifecycle.Managed;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform-level provider instance chosen by the operator (the managed storage, the mail
 * transport), created from its plugin when the application starts. If the plugin is missing or
 * failed, or the settings are invalid, the platform still starts: {@link #get()} then fails with a
 * clear error naming the provider and why, and the health check reports it.
 *
 * @param <T> the instance type
 */
public final class ManagedProvider<T extends AutoCloseable> implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedProvider.class);

    private final String role;
    private final ProviderChoice choice;
    private final Function<String, ? extends ProviderFactory<T>> lookup;
    private final ProviderContext context;
    private final java.util.function.UnaryOperator<T> decorator;
    private volatile T instance;
    private volatile String problem = "not started";

    /**
     * @param role    what it is for, e.g. "managed storage" or "mail"
     * @param choice  the configured provider and settings
     * @param lookup  finds the factory by provider id (throws {@link ProviderNotAvailableException})
     * @param context   what the instance gets from the host
     * @param decorator wraps the plugin's instance (metrics, ...), so plugins stay plain
     */
    public ManagedProvider(String role, ProviderChoice choice, Function<String, ? extends ProviderFactory<T>> lookup,
                           ProviderContext context, java.util.function.UnaryOperator<T> decorator) {
        this.role = role;
        this.choice = choice;
        this.lookup = lookup;
        this.context = context;
        this.decorator = decorator;
    }

    @Override
    public void start() {
        try {
            ProviderFactory<T> factory = lookup.apply(choice.provider());
            List<SettingProblem> problems = factory.validate(choice.toProviderSettings());
            if (!problems.isEmpty()) {
                throw ProviderException.invalidConfig(problems.stream().map(SettingProblem::toString).collect(Collectors.joining("; ")));
            }
            // libraries that look things up through the context class loader must see the plugin's
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(factory.getClass().getClassLoader());
            try {
                instance = decorator.apply(factory.create(choice.toProviderSettings(), context));
            } finally {
                thread.setContextClassLoader(previous);
            }
            problem = null;
            LOG.info("The {} uses provider '{}'", role, choice.provider());
        } catch (RuntimeException e) {
            problem = "provider '" + choice.provider() + "' for the " + role + " is not usable: " + e.getMessage();
            LOG.error("The {} is not available: {}", role, problem);
        }
    }

    @Override
    public void stop() throws Exception {
        T i = instance;
        instance = null;
        problem = "stopped";
        if (i != null) {
            i.close();
        }
    }

    /** The instance; throws {@link ProviderNotAvailableException} naming the problem if there is none. */
    public T get() {
        T i = instance;
        if (i == null) {
            throw new ProviderNotAvailableException(problem);
        }
        return i;
    }

    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public String providerId() {
        return choice.provider();
    }

    public String role() {
        return role;
    }
}
