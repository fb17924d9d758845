package com.anastig.plugins.storage.fs;

import com.anastig.plugin.api.ObjectKeys;
import com.anastig.plugin.api.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a store's files live: {@code root/data/<prefix>/<key>} holds the object bytes,
 * {@code root/meta/<prefix>/<key>} its sidecar (the same relative path in a disjoint tree, so they can
 * never collide), and {@code root/tmp} the files being written (same file system, so renames are
 * atomic). Resolving a key checks it three ways: the key rules, the normalized path staying inside
 * the data tree, and the real path of what exists on disk (no symbolic links anywhere on the way).
 */
final class FsLocation {
    /** Most file systems refuse longer names. */
    static final int MAX_SEGMENT_BYTES = 255;

    final Path root;
    final Path data;
    final Path meta;
    final Path tmp;
    private final Path realData;
    private final Path realMeta;

    private FsLocation(Path root, Path data, Path meta, Path tmp) throws IOException {
        this.root = root;
        this.data = data;
        this.meta = meta;
        this.tmp = tmp;
        this.realData = data.toRealPath();
        this.realMeta = meta.toRealPath();
    }

    /** Creates the folders if missing. */
    static FsLocation open(Path root, String prefix) throws IOException {
        Path realRoot = Files.createDirectories(root).toRealPath();
        String sub = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        Path data = sub.isEmpty() ? realRoot.resolve("data") : realRoot.resolve("data").resolve(sub);
        Path meta = sub.isEmpty() ? realRoot.resolve("meta") : realRoot.resolve("meta").resolve(sub);
        Path tmp = realRoot.resolve("tmp");
        Files.createDirectories(data);
        Files.createDirectories(meta);
        Files.createDirectories(tmp);
        return new FsLocation(realRoot, data, meta, tmp);
    }

    /** The data file of a key, after every check; INVALID_REQUEST if the key is refused. */
    Path dataFile(String key) {
        ObjectKeys.requireValidKey(key);
        requireShortSegments(key);
        Path file = inside(data, key);
        requireNoLinks(data, realData, file);
        return file;
    }

    /** The sidecar of a key already accepted by {@link #dataFile}. */
    Path metaFile(String key) {
        Path file = inside(meta, key);
        requireNoLinks(meta, realMeta, file);
        return file;
    }

    /** The key of a data file below the data tree. */
    String keyOf(Path dataFile) {
        return data.relativize(dataFile).toString().replace(dataFile.getFileSystem().getSeparator(), "/");
    }

    static void requireShortSegments(String key) {
        for (String segment : key.split("/")) {
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw ProviderException.invalidRequest("object key refused: a segment is longer than "
                    + MAX_SEGMENT_BYTES + " bytes (the file system limit)");
            }
        }
    }

    private static Path inside(Path base, String key) {
        Path resolved;
        try {
            resolved = base.resolve(key).normalize();
        } catch (InvalidPathException e) {
            throw ProviderException.invalidRequest("object key refused: not a usable file name here");
        }
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw ProviderException.invalidRequest("object key refused: it leaves the store");
        }
        return resolved;
    }

    /**
     * Refuses a path if any part of it that exists is a symbolic link (or otherwise resolves
     * elsewhere): the real path of the deepest existing part must be exactly where it should be.
     */
    private static void requireNoLinks(Path base, Path realBase, Path file) {
        Path existing = file;
        while (!existing.equals(base) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path expected = realBase.resolve(base.relativize(existing));
        try {
            if (!existing.toRealPath().equals(expected)) {
                throw ProviderException.invalidRequest("object key refused: it resolves through a symbolic link");
            }
        } catch (NoSuchFileException e) {
            throw ProviderException.invalidRequest("object key refused: it resolves through a dangling link");
        } catch (IOException e) {
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "the storage folder cannot be read", e);
        }
    }

    /** Removes the empty folders above a deleted file, up to (not including) its tree's base. */
    static void pruneEmptyParents(Path file, Path base) {
        for (Path dir = file.getParent(); dir != null && dir.startsWith(base) && !dir.equals(base); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return; // best effort: a folder that cannot be removed now is harmless
            }
        }
    }
}
