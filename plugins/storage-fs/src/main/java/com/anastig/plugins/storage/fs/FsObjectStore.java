package com.anastig.plugins.storage.fs;

import com.anastig.plugin.api.ByteRange;
import com.anastig.plugin.api.DownloadHints;
import com.anastig.plugin.api.ListPage;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.ObjectKeys;
import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.PresignedRequest;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderException.Kind;
import com.anastig.plugin.api.SelfTestReport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * An {@link ObjectStore} over a local folder (see {@link FsLocation} for the layout). Bytes stream
 * into a temporary file that is flushed to disk and renamed into place, so an object is either
 * wholly there or not at all. The two renames of a write (data, then sidecar) and every read of a
 * data file with its sidecar happen under one lock shared by all stores over the same root in this
 * JVM, so an object's bytes and metadata always agree; several processes writing the same key in one
 * folder may leave a stale sidecar, which readers detect and ignore.
 *
 * <p>Differences from a bucket: no presigned URLs (UNSUPPORTED), and a key cannot be both an object
 * and the folder of other keys ({@code a/b} and {@code a/b/c}): the second write fails with CONFLICT.
 */
final class FsObjectStore implements ObjectStore {
    static final int BUFFER_SIZE = 64 * 1024;

    private final FsLocation location;
    private final Clock clock;
    private final Lock lock;

    FsObjectStore(FsLocation location, Clock clock, Lock lock) {
        this.location = location;
        this.clock = clock;
        this.lock = lock;
    }

    @Override
    public ObjectInfo put(String key, InputStream data, long length, String contentType) {
        Path target = location.dataFile(key);
        Path metaTarget = location.metaFile(key);
        requireSlot(target);
        FsStaging.Staged staged = FsStaging.stage(location.tmp, data, length);
        try {
            return commit(key, target, metaTarget, staged, contentType);
        } finally {
            staged.discard();
        }
    }

    @Override
    public ObjectContent get(String key, ByteRange range) {
        Path file = location.dataFile(key);
        Path metaFile = location.metaFile(key);
        FileChannel channel;
        ObjectInfo info;
        lock.lock();
        try {
            BasicFileAttributes attrs = attributes(file).orElseThrow(() -> ProviderException.notFound("no such object"));
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            info = info(key, attrs, metaFile);
        } catch (NoSuchFileException e) {
            throw ProviderException.notFound("no such object");
        } catch (IOException e) {
            throw unavailable("reading from the storage folder failed", e);
        } finally {
            lock.unlock();
        }
        try {
            if (range == null) {
                return new ObjectContent(info, new BufferedInputStream(Channels.newInputStream(channel), BUFFER_SIZE), null);
            }
            if (!range.isSatisfiable(info.size())) {
                channel.close();
                throw ProviderException.invalidRequest("range not satisfiable for an object of " + info.size() + " bytes");
            }
            long first = range.firstByte(info.size());
            long count = range.length(info.size());
            channel.position(first);
            InputStream limited = new BufferedInputStream(new LimitedInputStream(Channels.newInputStream(channel), count), BUFFER_SIZE);
            return new ObjectContent(info, limited, ByteRange.of(first, first + count - 1));
        } catch (IOException e) {
            closeQuietly(channel);
            throw unavailable("reading from the storage folder failed", e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        Path file = location.dataFile(key);
        Path metaFile = location.metaFile(key);
        lock.lock();
        try {
            Optional<BasicFileAttributes> attrs = attributes(file);
            return attrs.isEmpty() ? Optional.empty() : Optional.of(info(key, attrs.get(), metaFile));
        } catch (IOException e) {
            throw unavailable("reading from the storage folder failed", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(String key) {
        Path file = location.dataFile(key);
        Path metaFile = location.metaFile(key);
        lock.lock();
        try {
            if (attributes(file).isPresent()) {
                Files.delete(file);
                FsLocation.pruneEmptyParents(file, location.data);
            }
            if (Files.isRegularFile(metaFile, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(metaFile);
                FsLocation.pruneEmptyParents(metaFile, location.meta);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw unavailable("deleting from the storage folder failed", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ListPage list(String prefix, String cursor, int maxKeys) {
        String validPrefix = ObjectKeys.requireValidPrefix(prefix);
        if (maxKeys < 1 || maxKeys > 1000) {
            throw ProviderException.invalidRequest("maxKeys must be between 1 and 1000");
        }
        if (cursor != null && !ObjectKeys.isValidKey(cursor)) {
            throw ProviderException.invalidRequest("listing cursor refused");
        }
        List<String> keys;
        try {
            keys = FsListing.keys(location.data, validPrefix, cursor, maxKeys + 1);
        } catch (IOException e) {
            throw unavailable("listing the storage folder failed", e);
        }
        boolean more = keys.size() > maxKeys;
        List<String> page = more ? keys.subList(0, maxKeys) : keys;
        List<ObjectInfo> items = new ArrayList<>(page.size());
        for (String key : page) {
            head(key).ifPresent(items::add);
        }
        return new ListPage(items, more ? page.get(page.size() - 1) : null);
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        location.dataFile(sourceKey);
        Path target = location.dataFile(targetKey);
        Path metaTarget = location.metaFile(targetKey);
        try (ObjectContent source = get(sourceKey, null)) {
            requireSlot(target);
            FsStaging.Staged staged = FsStaging.stage(location.tmp, source.stream(), source.info().size());
            try {
                return commit(targetKey, target, metaTarget, staged, source.info().contentType());
            } finally {
                staged.discard();
            }
        } catch (IOException e) {
            throw unavailable("reading from the storage folder failed", e);
        }
    }

    @Override
    public boolean supportsPresignedUrls() {
        return false;
    }

    @Override
    public PresignedRequest presignGet(String key, Duration expiry, DownloadHints hints) {
        location.dataFile(key);
        throw ProviderException.unsupported("the fs provider has no presigned URLs: downloads go through the platform");
    }

    @Override
    public PresignedRequest presignPut(String key, Duration expiry, String contentType, long contentLength) {
        location.dataFile(key);
        throw ProviderException.unsupported("the fs provider has no presigned URLs: uploads go through the platform");
    }

    @Override
    public SelfTestReport selfTest() {
        return FsSelfTest.run(this, location);
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }

    private ObjectInfo commit(String key, Path target, Path metaTarget, FsStaging.Staged staged, String contentType) {
        Path metaTemp = null;
        lock.lock();
        try {
            location.dataFile(key); // links may have appeared while the data streamed in
            location.metaFile(key);
            requireSlot(target);
            createParents(target);
            createParents(metaTarget);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Object fileKey = Files.readAttributes(staged.file(), BasicFileAttributes.class).fileKey();
            FsMetadata meta = new FsMetadata(contentType, staged.sha256(), staged.size(), now, fileKey == null ? null : fileKey.toString());
            metaTemp = Files.createTempFile(location.tmp, "meta-", ".part");
            meta.write(metaTemp);
            Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(target, FileTime.from(now));
            Files.move(metaTemp, metaTarget, StandardCopyOption.ATOMIC_MOVE);
            FsStaging.syncDirectory(target.getParent());
            return new ObjectInfo(key, staged.size(), contentType, staged.sha256(), now);
        } catch (IOException e) {
            throw unavailable("writing to the storage folder failed", e);
        } finally {
            lock.unlock();
            FsStaging.deleteQuietly(metaTemp);
        }
    }

    /** CONFLICT if the key is a folder of other keys, or one of its parents is an object. */
    private void requireSlot(Path target) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ProviderException(Kind.CONFLICT, "the key is the folder of other objects");
        }
        for (Path dir = target.getParent(); !dir.equals(location.data); dir = dir.getParent()) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new ProviderException(Kind.CONFLICT, "a parent of the key is an object");
            }
        }
    }

    private static void createParents(Path file) throws IOException {
        try {
            Files.createDirectories(file.getParent());
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new ProviderException(Kind.CONFLICT, "a parent of the key is an object");
        }
    }

    private static Optional<BasicFileAttributes> attributes(Path file) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() ? Optional.of(attrs) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            if (!Files.isDirectory(file.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty(); // a parent is an object, so this key is not one
            }
            throw e;
        }
    }

    private static ObjectInfo info(String key, BasicFileAttributes attrs, Path metaFile) {
        FsMetadata meta;
        try {
            meta = Files.isRegularFile(metaFile, LinkOption.NOFOLLOW_LINKS) ? FsMetadata.read(metaFile) : null;
        } catch (IOException e) {
            meta = null;
        }
        if (meta != null && meta.matches(attrs.size(), attrs.fileKey())) {
            return new ObjectInfo(key, attrs.size(), meta.contentType(), meta.sha256(), meta.lastModified());
        }
        return new ObjectInfo(key, attrs.size(), null, null, attrs.lastModifiedTime().toInstant());
    }

    static ProviderException unavailable(String message, IOException cause) {
        return new ProviderException(Kind.UNAVAILABLE, message, cause);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
