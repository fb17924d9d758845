package com.anastig.plugins.storage.fs;

import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streams data into a temporary file with a fixed-size buffer, hashing it, and flushes it to disk. */
final class FsStaging {

    /** A fully written temporary file, not yet visible. */
    record Staged(Path file, String sha256, long size) {
        void discard() {
            deleteQuietly(file);
        }
    }

    private FsStaging() {
    }

    static Staged stage(Path tmpDir, InputStream data, long length) {
        if (data == null) {
            throw ProviderException.invalidRequest("no data to store");
        }
        if (length < -1) {
            throw ProviderException.invalidRequest("length must be -1 (unknown) or the exact length");
        }
        Path temp;
        try {
            temp = Files.createTempFile(tmpDir, "put-", ".part");
        } catch (IOException e) {
            throw FsObjectStore.unavailable("the storage folder cannot be written", e);
        }
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[FsObjectStore.BUFFER_SIZE];
            long count = 0;
            for (int n; (n = read(data, buffer)) >= 0; ) {
                count += n;
                if (length >= 0 && count > length) {
                    throw ProviderException.invalidRequest("the data is longer than the declared length");
                }
                digest.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            if (length >= 0 && count != length) {
                throw ProviderException.invalidRequest("the data is shorter than the declared length");
            }
            out.force(true);
            return new Staged(temp, HexFormat.of().formatHex(digest.digest()), count);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw FsObjectStore.unavailable("writing to the storage folder failed", e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private static int read(InputStream data, byte[] buffer) {
        try {
            return data.read(buffer);
        } catch (IOException e) {
            throw new ProviderException(Kind.UNAVAILABLE, "reading the data to store failed", e);
        } catch (RuntimeException e) {
            if (e instanceof ProviderException p) {
                throw p;
            }
            throw new ProviderException(Kind.UNAVAILABLE, "reading the data to store failed", e);
        }
    }

    /** Makes a rename in this folder durable; best effort (not every file system allows it). */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // durability of the rename is best effort; the data itself was flushed
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is swept when a store over this root is next created
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
