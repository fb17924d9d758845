package com.anastig.plugins.storage.fs;

import com.anastig.plugin.api.ObjectKeys;
import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingDescriptor;
import com.anastig.plugin.api.SettingProblem;
import com.anastig.plugin.api.StorageProviderFactory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * The {@code fs} storage provider: objects as files under a local folder.
 *
 * <p>Settings: {@code root} (required; a folder, created if missing; relative paths are resolved against the working directory) and {@code prefix}
 * (optional, a key prefix such as {@code org-42/}; it becomes sub-folders). No secrets. The JVM must
 * use UTF-8 file names (a UTF-8 locale such as {@code LANG=C.UTF-8}), or keys outside ASCII could not
 * be stored: creating a store fails otherwise.
 */
@Extension
public class FsStorageProviderFactory implements StorageProviderFactory {
    static final String ID = "fs";
    private static final Set<String> KNOWN = Set.of("root", "prefix");
    private static final Duration STALE_TEMP_AGE = Duration.ofDays(1);

    /** One commit lock per root folder, shared by every store over it in this JVM. */
    private final Map<Path, Lock> locks = new ConcurrentHashMap<>();

    public FsStorageProviderFactory() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Stores objects as files under a local folder (no presigned URLs)";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
            SettingDescriptor.required("root", "the folder objects are stored under (a relative path is resolved against the"
                + " working directory at start); created if missing"),
            SettingDescriptor.optional("prefix", null, "key prefix (sub-folders) for this store, such as org-42/"));
    }

    @Override
    public List<SettingProblem> validate(ProviderSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        settings.values().keySet().stream().filter(name -> !KNOWN.contains(name)).sorted()
            .forEach(name -> problems.add(new SettingProblem(name, "unknown setting for the fs provider")));
        settings.secretNames().stream().sorted()
            .forEach(name -> problems.add(new SettingProblem(name, "the fs provider takes no secrets")));
        settings.value("root").ifPresentOrElse(root -> {
            try {
                Path.of(root);
            } catch (InvalidPathException e) {
                problems.add(new SettingProblem("root", "is not a valid path"));
            }
        }, () -> problems.add(new SettingProblem("root", "is required")));
        settings.value("prefix").ifPresent(prefix -> {
            try {
                ObjectKeys.requireValidPrefix(prefix);
                FsLocation.requireShortSegments(prefix);
            } catch (ProviderException e) {
                problems.add(new SettingProblem("prefix", e.getMessage()));
            }
        });
        return problems;
    }

    @Override
    public ObjectStore create(ProviderSettings settings, ProviderContext context) {
        List<SettingProblem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw ProviderException.invalidConfig("invalid fs settings: "
                + problems.stream().map(SettingProblem::toString).collect(Collectors.joining("; ")));
        }
        requireUtf8FileNames();
        FsLocation location;
        try {
            location = FsLocation.open(Path.of(settings.required("root")).toAbsolutePath().normalize(),
                settings.value("prefix").orElse(""));
        } catch (IOException e) {
            throw new ProviderException(ProviderException.Kind.INVALID_CONFIG, "the fs root is not a usable folder", e);
        }
        sweepStaleTemporaryFiles(location.tmp, context.clock().instant());
        return new FsObjectStore(location, context.clock(), locks.computeIfAbsent(location.root, r -> new ReentrantLock()));
    }

    private static void requireUtf8FileNames() {
        String encoding = System.getProperty("sun.jnu.encoding");
        if (encoding != null && Charset.isSupported(encoding) && !Charset.forName(encoding).equals(StandardCharsets.UTF_8)) {
            throw ProviderException.invalidConfig("the fs provider needs UTF-8 file names, but this JVM uses "
                + encoding + ": run it with a UTF-8 locale such as LANG=C.UTF-8");
        }
    }

    /** Temporary files of writes interrupted by a crash; old enough that no live write owns them. */
    private static void sweepStaleTemporaryFiles(Path tmp, Instant now) {
        Instant cutoff = now.minus(STALE_TEMP_AGE);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp, "*.part")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // best effort
        }
    }
}
