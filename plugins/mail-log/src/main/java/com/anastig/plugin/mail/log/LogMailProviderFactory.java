package com.anastig.plugin.mail.log;

import com.anastig.plugin.api.MailProviderFactory;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingDescriptor;
import com.anastig.plugin.api.SettingProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * The {@code log} mail provider: no mail leaves the machine; every message becomes an {@code .eml}
 * file in the {@code outbox} folder (created if missing), for the embedded mode and development.
 */
@Extension
public class LogMailProviderFactory implements MailProviderFactory {
    static final String OUTBOX = "outbox";

    public LogMailProviderFactory() {
        // PF4J instantiates extensions through a public no-argument constructor
    }

    @Override
    public String id() {
        return "log";
    }

    @Override
    public String description() {
        return "Writes every message as an RFC 5322 .eml file into an outbox folder; sends nothing";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(SettingDescriptor.required(OUTBOX, "the folder the .eml files are written to (created if missing)"));
    }

    @Override
    public List<SettingProblem> validate(ProviderSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        var outbox = settings.value(OUTBOX);
        if (outbox.isEmpty()) {
            problems.add(new SettingProblem(OUTBOX, "is required"));
            return problems;
        }
        try {
            Path path = Path.of(outbox.get());
            if (Files.exists(path) && !Files.isDirectory(path)) {
                problems.add(new SettingProblem(OUTBOX, "exists and is not a folder"));
            }
        } catch (InvalidPathException e) {
            problems.add(new SettingProblem(OUTBOX, "is not a valid path"));
        }
        return problems;
    }

    @Override
    public MailSender create(ProviderSettings settings, ProviderContext context) {
        List<SettingProblem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw ProviderException.invalidConfig(problems.stream().map(SettingProblem::toString).collect(Collectors.joining("; ")));
        }
        Path outbox = Path.of(settings.required(OUTBOX)).toAbsolutePath().normalize();
        try {
            Files.createDirectories(outbox);
        } catch (IOException e) {
            throw new ProviderException(ProviderException.Kind.INVALID_CONFIG, "outbox: the folder cannot be created", e);
        }
        return new OutboxMailSender(outbox, context.clock());
    }
}
