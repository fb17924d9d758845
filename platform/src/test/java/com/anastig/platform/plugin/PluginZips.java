package com.anastig.platform.plugin;

import com.anastig.platform.testing.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** The real provider zips, and broken variants derived from them. */
final class PluginZips {
    static final List<String> ALL_IDS = List.of("fs", "s3", "minio", "log", "smtp", "resend");

    private PluginZips() {
    }

    static final List<String> ALL_ARTIFACTS = List.of("storage-fs", "storage-s3", "storage-minio", "mail-log", "mail-smtp", "mail-resend");

    /** A folder holding copies of all six real zips; fails naming the build command when one is missing. */
    static Path copyOfAll(Path dir) throws IOException {
        for (String artifact : ALL_ARTIFACTS) {
            real(artifact);
        }
        Files.createDirectories(dir);
        try (Stream<Path> zips = Files.list(TestApp.pluginsDirectory())) {
            for (Path zip : zips.filter(z -> z.toString().endsWith(".zip")).toList()) {
                Files.copy(zip, dir.resolve(zip.getFileName()));
            }
        }
        return dir;
    }

    /** The real zip of one plugin, by its artifact name prefix such as "storage-fs". */
    static Path real(String artifact) throws IOException {
        try (Stream<Path> zips = Files.list(TestApp.pluginsDirectory())) {
            return zips.filter(z -> z.getFileName().toString().startsWith(artifact + "-") && z.toString().endsWith(".zip"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + artifact + " zip in " + TestApp.pluginsDirectory()
                    + ": build the provider plugins and run the tests through Maven (mvn -pl platform verify, after"
                    + " 'mvn -pl plugins/" + artifact + " install' if it is not in ~/.m2 yet)"));
        }
    }

    /** A copy of {@code source} whose plugin.properties has these keys replaced (or added). */
    static Path withDescriptor(Path source, Path target, Map<String, String> replace) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("plugin.properties")) {
                    StringBuilder sb = new StringBuilder();
                    java.util.Set<String> missing = new java.util.TreeSet<>(replace.keySet());
                    for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).split("\n")) {
                        String key = line.contains("=") ? line.substring(0, line.indexOf('=')).trim() : "";
                        missing.remove(key);
                        sb.append(replace.containsKey(key) ? key + "=" + replace.get(key) : line).append('\n');
                    }
                    missing.forEach(key -> sb.append(key).append('=').append(replace.get(key)).append('\n'));
                    out.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return target;
    }

    /** The first half of a real zip: not a readable zip any more. */
    static Path truncated(Path source, Path target) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        try (OutputStream out = Files.newOutputStream(target); InputStream unused = InputStream.nullInputStream()) {
            out.write(bytes, 0, bytes.length / 2);
        }
        return target;
    }
}
