package com.anastig.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A provider factory: a stable id, settings validation, and instances created per settings (per
 * organization for storage). Factories hold no per-organization state; instances hold no global state.
 *
 * @param <T> the instance type
 */
public interface ProviderFactory<T extends AutoCloseable> extends ExtensionPoint {

    /** The stable id operators and settings refer to, such as {@code s3} or {@code smtp}. */
    String id();

    /** One line for operators. */
    String description();

    /** The names of the settings this provider understands (values and secrets). */
    List<SettingDescriptor> settings();

    /** Every problem with these settings; empty when they are usable. Never connects anywhere. */
    List<SettingProblem> validate(ProviderSettings settings);

    /**
     * Creates an instance for these settings.
     *
     * @throws ProviderException {@code INVALID_CONFIG} when {@link #validate} finds problems
     */
    T create(ProviderSettings settings, ProviderContext context);
}
