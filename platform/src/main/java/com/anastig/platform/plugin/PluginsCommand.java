package com.anastig.platform.plugin;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.plugin.api.ProviderFactory;
import com.anastig.plugin.api.SettingProblem;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code plugins list <config>} prints every plugin in the plugins directory (id, version, state,
 * what it provides, file, SHA-256); {@code plugins verify <config>} also validates the configured
 * providers' settings and fails (exit code 1) on any problem. Neither starts the database or
 * Hazelcast, and neither prints a secret.
 */
public final class PluginsCommand extends ConfiguredCommand<AnastigConfiguration> {
    private final PrintStream out;

    public PluginsCommand() {
        this(System.out);
    }

    PluginsCommand(PrintStream out) {
        super("plugins", "Plugin operations: 'plugins list <config.yml>' or 'plugins verify <config.yml>'");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("list", "verify").help("list the plugins, or verify them against the configuration");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<AnastigConfiguration> bootstrap, Namespace namespace, AnastigConfiguration configuration) throws Exception {
        Path work = Files.createTempDirectory("anastig-plugins-cli");
        PluginHost host = new PluginHost(configuration.plugins(), work);
        host.start();
        try {
            List<PluginInfo> plugins = host.plugins();
            printTable(plugins);
            host.providers().conflicts().forEach(c -> out.println("conflict: " + c));
            if ("verify".equals(namespace.getString("action"))) {
                List<String> problems = verify(host, configuration);
                if (!problems.isEmpty()) {
                    out.println();
                    problems.forEach(p -> out.println("PROBLEM: " + p));
                    throw new PluginVerificationException(problems.size() + " problem(s) found");
                }
                out.println();
                out.println("OK: " + plugins.size() + " plugin(s) started; the configured providers' settings are valid.");
            }
        } finally {
            host.stop();
            PluginHost.deleteRecursively(work);
        }
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        // the problems are printed already; no stack trace for an operator's verification failure
        if (e instanceof PluginVerificationException) {
            cli.getStdErr().println("plugins verify failed: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    static List<String> verify(PluginHost host, AnastigConfiguration configuration) {
        List<String> problems = new ArrayList<>();
        host.plugins().stream().filter(p -> !p.started())
            .forEach(p -> problems.add("plugin " + p.id() + " (" + p.file().getFileName() + ") " + p.state() + ": " + p.problem()));
        problems.addAll(host.providers().conflicts());
        if (host.plugins().isEmpty()) {
            problems.add("no plugin found in " + configuration.plugins().directory().toAbsolutePath());
        }
        check("storage.managed", configuration.storage().managed(), id -> host.providers().storage(id), problems);
        check("mail.provider", configuration.mail().provider(), id -> host.providers().mail(id), problems);
        return problems;
    }

    private static void check(String where, ProviderChoice choice, Function<String, ? extends ProviderFactory<?>> lookup,
                              List<String> problems) {
        try {
            for (SettingProblem p : lookup.apply(choice.provider()).validate(choice.toProviderSettings())) {
                problems.add(where + " (" + choice.provider() + "): " + p.setting() + ": " + p.message());
            }
        } catch (ProviderNotAvailableException e) {
            problems.add(where + ": " + e.getMessage());
        }
    }

    private void printTable(List<PluginInfo> plugins) {
        String format = "%-10s %-16s %-9s %-18s %-34s %s%n";
        out.printf(format, "ID", "VERSION", "STATE", "PROVIDES", "FILE", "SHA-256");
        for (PluginInfo p : plugins) {
            out.printf(format, p.id(), p.version(), p.state(), p.provides().isEmpty() ? "-" : String.join(",", p.provides()),
                p.file().getFileName(), p.sha256() == null ? "-" : p.sha256());
            if (p.problem() != null && !p.started()) {
                out.println("           problem: " + p.problem());
            }
        }
    }

    /** Thrown so that Dropwizard's command line exits non-zero. */
    static final class PluginVerificationException extends Exception {
        PluginVerificationException(String message) {
            super(message);
        }
    }
}
