package com.anastig.plugins.storage.fs;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * The sidecar kept for each object in the metadata tree: content type, SHA-256 (the etag), size,
 * write time, and the identity (inode) of the data file it describes. A sidecar whose size or file
 * identity does not match the data file is stale (a crash between the two renames) and ignored.
 */
record FsMetadata(String contentType, String sha256, long size, Instant lastModified, String fileKey) {

    static FsMetadata read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            return new FsMetadata(
                p.getProperty("contentType"),
                p.getProperty("sha256"),
                Long.parseLong(p.getProperty("size", "-1")),
                Instant.parse(p.getProperty("lastModified")),
                p.getProperty("fileKey"));
        } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
            return null;
        }
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        if (contentType != null) {
            p.setProperty("contentType", contentType);
        }
        p.setProperty("sha256", sha256);
        p.setProperty("size", Long.toString(size));
        p.setProperty("lastModified", lastModified.toString());
        if (fileKey != null) {
            p.setProperty("fileKey", fileKey);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
    }

    /** Whether this sidecar describes a data file of this size and identity. */
    boolean matches(long actualSize, Object actualFileKey) {
        return size == actualSize && (fileKey == null || actualFileKey == null || fileKey.equals(actualFileKey.toString()));
    }
}
