package com.anastig.plugins.storage.minio;

import com.anastig.plugins.storage.s3common.SourceStream;
import com.anastig.plugin.api.ByteRange;
import com.anastig.plugin.api.DownloadHints;
import com.anastig.plugin.api.ListPage;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.ObjectKeys;
import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.PresignedRequest;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SelfTestReport;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ObjectStore} over one bucket and prefix through the MinIO Java client. Every key is
 * checked with {@link ObjectKeys} and placed under the store's prefix before any call. Puts stream
 * through the client's own part reader (one part buffered at a time; it aborts the multipart upload
 * when a part fails).
 */
final class MinioObjectStore implements ObjectStore {
    static final Duration MAX_PRESIGN = Duration.ofDays(7);
    private static final int MAX_PARTS = 10_000;

    private final MinioSettings settings;
    private final MinioConnection connection;
    private final OutboundPolicy policy;
    private final Clock clock;

    /** A MinIO client call; they all throw a handful of checked exceptions. */
    private interface Call<T> {
        T run() throws Exception;
    }

    MinioObjectStore(MinioSettings settings, OutboundPolicy policy, Clock clock) {
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
        this.connection = new MinioConnection(settings, policy);
    }

    @Override
    public ObjectInfo put(String key, InputStream data, long length, String contentType) {
        String full = fullKey(key);
        if (data == null || length < -1) {
            throw ProviderException.invalidRequest("put needs data and a length of -1 (unknown) or more");
        }
        long partSize = Math.max(settings.partSize(), length > 0 ? (length + MAX_PARTS - 1) / MAX_PARTS : 0);
        SourceStream source = new SourceStream(data);
        PutObjectArgs.Builder args = PutObjectArgs.builder().bucket(settings.bucket()).object(full).stream(source, length, partSize);
        if (contentType != null) {
            args.contentType(contentType);
        }
        ObjectWriteResponse response = call("put", () -> connection.client.putObject(args.build()));
        return new ObjectInfo(key, length >= 0 ? length : source.count(), contentType, etag(response.etag()), clock.instant());
    }

    @Override
    public ObjectContent get(String key, ByteRange range) {
        String full = fullKey(key);
        GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(settings.bucket()).object(full);
        if (range != null) {
            args.extraHeaders(Map.of("Range", range.toHttpHeader()));
        }
        GetObjectResponse response = call("get", () -> connection.client.getObject(args.build()));
        return MinioDownload.open(key, range, response);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        String full = fullKey(key);
        try {
            StatObjectResponse r = call("head", () -> connection.client.statObject(
                StatObjectArgs.builder().bucket(settings.bucket()).object(full).build()));
            return Optional.of(new ObjectInfo(key, r.size(), r.contentType(), etag(r.etag()),
                r.lastModified() == null ? null : r.lastModified().toInstant()));
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void delete(String key) {
        String full = fullKey(key);
        call("delete", () -> {
            connection.client.removeObject(RemoveObjectArgs.builder().bucket(settings.bucket()).object(full).build());
            return null;
        });
    }

    @Override
    public ListPage list(String prefix, String cursor, int maxKeys) {
        String relative = ObjectKeys.requireValidPrefix(prefix);
        if (maxKeys < 1 || maxKeys > 1000) {
            throw ProviderException.invalidRequest("maxKeys must be between 1 and 1000");
        }
        ListObjectsArgs.Builder args = ListObjectsArgs.builder().bucket(settings.bucket()).prefix(settings.prefix() + relative)
            .recursive(true).maxKeys(Math.min(1000, maxKeys + 1));
        if (cursor != null && !cursor.isEmpty()) {
            args.startAfter(settings.prefix() + cursor);
        }
        int cut = settings.prefix().length();
        return call("list", () -> {
            List<ObjectInfo> items = new ArrayList<>();
            Iterator<Result<Item>> results = connection.client.listObjects(args.build()).iterator();
            while (items.size() < maxKeys && results.hasNext()) {
                Item item = results.next().get();
                if (item.isDir() || !item.objectName().startsWith(settings.prefix()) || item.objectName().length() <= cut) {
                    continue;
                }
                items.add(new ObjectInfo(item.objectName().substring(cut), item.size(), null, etag(item.etag()),
                    item.lastModified() == null ? null : item.lastModified().toInstant()));
            }
            boolean more = !items.isEmpty() && results.hasNext();
            return new ListPage(items, more ? items.get(items.size() - 1).key() : null);
        });
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        String source = fullKey(sourceKey);
        String target = fullKey(targetKey);
        call("copy", () -> connection.client.copyObject(CopyObjectArgs.builder().bucket(settings.bucket()).object(target)
            .source(CopySource.builder().bucket(settings.bucket()).object(source).build()).build()));
        return head(targetKey).orElseThrow(() -> ProviderException.notFound("copy failed: the copy is not there"));
    }

    @Override
    public boolean supportsPresignedUrls() {
        return true;
    }

    @Override
    public PresignedRequest presignGet(String key, Duration expiry, DownloadHints hints) {
        String full = fullKey(key);
        int seconds = expirySeconds(expiry);
        Map<String, String> query = new HashMap<>();
        DownloadHints h = hints == null ? DownloadHints.NONE : hints;
        if (h.contentType() != null) {
            query.put("response-content-type", h.contentType());
        }
        if (h.contentDisposition() != null) {
            query.put("response-content-disposition", h.contentDisposition());
        }
        String url = call("presign", () -> connection.client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
            .method(Method.GET).bucket(settings.bucket()).object(full).expiry(seconds).extraQueryParams(query).build()));
        return MinioPresign.request("GET", url, Map.of());
    }

    @Override
    public PresignedRequest presignPut(String key, Duration expiry, String contentType, long contentLength) {
        String full = fullKey(key);
        int seconds = expirySeconds(expiry);
        if (contentLength < -1) {
            throw ProviderException.invalidRequest("contentLength must be -1 (not fixed) or more");
        }
        String url = call("presign", () -> connection.client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
            .method(Method.PUT).bucket(settings.bucket()).object(full).expiry(seconds).build()));
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (contentLength >= 0) {
            headers.put("Content-Length", String.valueOf(contentLength));
        }
        return MinioPresign.request("PUT", url, headers);
    }

    @Override
    public SelfTestReport selfTest() {
        return new MinioSelfTest(this, settings, connection, policy).run();
    }

    @Override
    public void close() {
        connection.close();
    }

    String fullKey(String key) {
        return settings.prefix() + ObjectKeys.requireValidKey(key);
    }

    /** ETags without the quotes, whichever answer they came from (the MinIO client strips them in some only). */
    static String etag(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
            ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static int expirySeconds(Duration expiry) {
        if (expiry == null || expiry.toSeconds() < 1 || expiry.compareTo(MAX_PRESIGN) > 0) {
            throw ProviderException.invalidRequest("expiry must be between 1 second and " + MAX_PRESIGN.toDays() + " days");
        }
        return (int) expiry.toSeconds();
    }

    private static <T> T call(String operation, Call<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, operation + " was interrupted", e);
        } catch (Exception e) {
            throw MinioErrors.map(operation, e);
        }
    }
}
