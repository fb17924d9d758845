package com.anastig.plugins.storage.s3;

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
import java.io.InputStream;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An {@link ObjectStore} over one bucket and prefix through the AWS SDK v2 sync client. Every key is
 * checked with {@link ObjectKeys} and placed under the store's prefix before any call; listed keys
 * come back relative to it.
 */
final class S3ObjectStore implements ObjectStore {
    /** SigV4 presigned URLs live at most seven days. */
    static final Duration MAX_PRESIGN = Duration.ofDays(7);

    private final S3Settings settings;
    private final S3Connection connection;
    private final OutboundPolicy policy;
    private final Clock clock;

    S3ObjectStore(S3Settings settings, OutboundPolicy policy, Clock clock) {
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
        this.connection = new S3Connection(settings, policy);
    }

    @Override
    public ObjectInfo put(String key, InputStream data, long length, String contentType) {
        String full = fullKey(key);
        if (data == null || length < -1) {
            throw ProviderException.invalidRequest("put needs data and a length of -1 (unknown) or more");
        }
        try {
            S3Upload.Result result = new S3Upload(connection.client, settings).put(full, data, length, contentType);
            return new ObjectInfo(key, result.size(), contentType, result.etag(), clock.instant());
        } catch (RuntimeException e) {
            throw S3Errors.map("put", e);
        }
    }

    @Override
    public ObjectContent get(String key, ByteRange range) {
        String full = fullKey(key);
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(settings.bucket()).key(full);
        if (range != null) {
            request.range(range.toHttpHeader());
        }
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = connection.client.getObject(request.build());
        } catch (RuntimeException e) {
            throw S3Errors.map("get", e);
        }
        return S3Download.open(key, range, in);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        String full = fullKey(key);
        try {
            HeadObjectResponse r = connection.client.headObject(b -> b.bucket(settings.bucket()).key(full));
            return Optional.of(new ObjectInfo(key, r.contentLength(), r.contentType(), r.eTag(), r.lastModified()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw S3Errors.map("head", e);
        } catch (RuntimeException e) {
            throw S3Errors.map("head", e);
        }
    }

    @Override
    public void delete(String key) {
        String full = fullKey(key);
        try {
            connection.client.deleteObject(b -> b.bucket(settings.bucket()).key(full));
        } catch (S3Exception e) {
            if (e.statusCode() != 404 || isNoSuchBucket(e)) {
                throw S3Errors.map("delete", e);
            }
        } catch (RuntimeException e) {
            throw S3Errors.map("delete", e);
        }
    }

    @Override
    public ListPage list(String prefix, String cursor, int maxKeys) {
        String relative = ObjectKeys.requireValidPrefix(prefix);
        if (maxKeys < 1 || maxKeys > 1000) {
            throw ProviderException.invalidRequest("maxKeys must be between 1 and 1000");
        }
        ListObjectsV2Response page;
        try {
            page = connection.client.listObjectsV2(b -> b.bucket(settings.bucket()).prefix(settings.prefix() + relative)
                .maxKeys(maxKeys).continuationToken(cursor == null || cursor.isEmpty() ? null : cursor));
        } catch (RuntimeException e) {
            throw S3Errors.map("list", e);
        }
        int cut = settings.prefix().length();
        List<ObjectInfo> items = page.contents().stream()
            .filter(o -> o.key().startsWith(settings.prefix()) && o.key().length() > cut)
            .map(o -> new ObjectInfo(o.key().substring(cut), o.size() == null ? 0 : o.size(), null, o.eTag(), o.lastModified()))
            .toList();
        String next = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        return new ListPage(items, next);
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        String source = fullKey(sourceKey);
        String target = fullKey(targetKey);
        try {
            connection.client.copyObject(b -> b.sourceBucket(settings.bucket()).sourceKey(source)
                .destinationBucket(settings.bucket()).destinationKey(target));
        } catch (RuntimeException e) {
            throw S3Errors.map("copy", e);
        }
        return head(targetKey).orElseThrow(() -> ProviderException.notFound("copy failed: the copy is not there"));
    }

    @Override
    public boolean supportsPresignedUrls() {
        return true;
    }

    @Override
    public PresignedRequest presignGet(String key, Duration expiry, DownloadHints hints) {
        String full = fullKey(key);
        requireExpiry(expiry);
        DownloadHints h = hints == null ? DownloadHints.NONE : hints;
        GetObjectRequest request = GetObjectRequest.builder().bucket(settings.bucket()).key(full)
            .responseContentType(h.contentType()).responseContentDisposition(h.contentDisposition()).build();
        try {
            return toPresigned("GET", connection.presigner.presignGetObject(p -> p.signatureDuration(expiry).getObjectRequest(request)));
        } catch (RuntimeException e) {
            throw S3Errors.map("presign", e);
        }
    }

    @Override
    public PresignedRequest presignPut(String key, Duration expiry, String contentType, long contentLength) {
        String full = fullKey(key);
        requireExpiry(expiry);
        if (contentLength < -1) {
            throw ProviderException.invalidRequest("contentLength must be -1 (not fixed) or more");
        }
        PutObjectRequest request = PutObjectRequest.builder().bucket(settings.bucket()).key(full).contentType(contentType)
            .contentLength(contentLength >= 0 ? contentLength : null).build();
        try {
            return toPresigned("PUT", connection.presigner.presignPutObject(p -> p.signatureDuration(expiry).putObjectRequest(request)));
        } catch (RuntimeException e) {
            throw S3Errors.map("presign", e);
        }
    }

    @Override
    public SelfTestReport selfTest() {
        return new S3SelfTest(this, settings, connection, policy).run();
    }

    @Override
    public void close() {
        connection.close();
    }

    String fullKey(String key) {
        return settings.prefix() + ObjectKeys.requireValidKey(key);
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    private static void requireExpiry(Duration expiry) {
        if (expiry == null || expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_PRESIGN) > 0) {
            throw ProviderException.invalidRequest("expiry must be positive and at most " + MAX_PRESIGN.toDays() + " days");
        }
    }

    private static PresignedRequest toPresigned(String method, software.amazon.awssdk.awscore.presigner.PresignedRequest signed) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        try {
            return new PresignedRequest(method, signed.url().toURI(), headers, signed.expiration());
        } catch (URISyntaxException e) {
            throw new ProviderException(ProviderException.Kind.INTERNAL, "presign produced an unusable URL");
        }
    }
}
