package com.anastig.platform.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One plugin zip, copied into a private staging folder while its SHA-256 is computed, so the bytes
 * that are checked (pin, descriptor) are exactly the bytes that are unpacked and loaded, whatever
 * happens to the original file meanwhile.
 */
final class PluginZip {
    static final String DESCRIPTOR = "plugin.properties";
    private static final long MAX_UNPACKED_BYTES = 1L << 30;

    private final Path original;
    private final Path staged;
    private final String sha256;
    private final Properties descriptor;

    private PluginZip(Path original, Path staged, String sha256, Properties descriptor) {
        this.original = original;
        this.staged = staged;
        this.sha256 = sha256;
        this.descriptor = descriptor;
    }

    /** Copies and hashes the zip, then reads its descriptor; an unreadable zip throws with the hash known. */
    static PluginZip stage(Path zip, Path stagingDirectory) throws UnreadablePluginException {
        Path staged = stagingDirectory.resolve(zip.getFileName().toString());
        String hash;
        try (InputStream in = new DigestInputStream(Files.newInputStream(zip), sha256Digest())) {
            Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
            hash = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UnreadablePluginException(null, "cannot read the file: " + e.getMessage());
        }
        try (ZipFile file = new ZipFile(staged.toFile())) {
            ZipEntry entry = file.getEntry(DESCRIPTOR);
            if (entry == null) {
                throw new UnreadablePluginException(hash, "not a plugin zip: no " + DESCRIPTOR);
            }
            Properties p = new Properties();
            try (InputStream in = file.getInputStream(entry)) {
                p.load(in);
            }
            if (p.getProperty("plugin.id", "").isBlank()) {
                throw new UnreadablePluginException(hash, DESCRIPTOR + " has no plugin.id");
            }
            return new PluginZip(zip, staged, hash, p);
        } catch (IOException e) {
            throw new UnreadablePluginException(hash, "not a readable zip (" + e.getMessage() + ")");
        }
    }

    /** Unpacks into {@code target}, refusing entries that would land outside it. */
    Path unpack(Path target) throws IOException {
        Files.createDirectories(target);
        long total = 0;
        try (ZipFile file = new ZipFile(staged.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry escapes the plugin folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry); OutputStream o = Files.newOutputStream(out)) {
                    total += in.transferTo(o);
                }
                if (total > MAX_UNPACKED_BYTES) {
                    throw new IOException("unpacks to more than 1 GiB");
                }
            }
        }
        return target;
    }

    String id() {
        return descriptor.getProperty("plugin.id").trim();
    }

    String version() {
        return descriptor.getProperty("plugin.version", "?").trim();
    }

    String requires() {
        String r = descriptor.getProperty("plugin.requires");
        return r == null || r.isBlank() ? null : r.trim();
    }

    Path original() {
        return original;
    }

    String sha256() {
        return sha256;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A zip that could not be read; {@code sha256} is known when the bytes could be read. */
    static final class UnreadablePluginException extends Exception {
        final String sha256;

        UnreadablePluginException(String sha256, String message) {
            super(message);
            this.sha256 = sha256;
        }
    }
}
