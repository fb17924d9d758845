package com.anastig.platform.storage;

import com.anastig.plugin.api.ByteRange;
import com.anastig.plugin.api.DownloadHints;
import com.anastig.plugin.api.ListPage;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.PresignedRequest;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SelfTestReport;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times every operation of a provider's store ({@code storage.<name>.<operation>}) and counts its
 * errors by kind ({@code storage.<name>.errors.<KIND>}), so plugins stay plain. For {@code get} the
 * timer covers opening the object, not reading it.
 */
public final class MeteredObjectStore implements ObjectStore {
    private final ObjectStore delegate;
    private final MetricRegistry metrics;
    private final String prefix;

    public MeteredObjectStore(ObjectStore delegate, MetricRegistry metrics, String name) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.prefix = MetricRegistry.name("storage", name);
    }

    private <T> T timed(String operation, Supplier<T> call) {
        Timer.Context t = metrics.timer(MetricRegistry.name(prefix, operation)).time();
        try {
            return call.get();
        } catch (ProviderException e) {
            metrics.meter(MetricRegistry.name(prefix, "errors", e.kind().name())).mark();
            throw e;
        } finally {
            t.stop();
        }
    }

    @Override
    public ObjectInfo put(String key, InputStream data, long length, String contentType) {
        return timed("put", () -> delegate.put(key, data, length, contentType));
    }

    @Override
    public ObjectContent get(String key, ByteRange range) {
        return timed("get", () -> delegate.get(key, range));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return timed("head", () -> delegate.head(key));
    }

    @Override
    public void delete(String key) {
        timed("delete", () -> {
            delegate.delete(key);
            return null;
        });
    }

    @Override
    public ListPage list(String prefix, String cursor, int maxKeys) {
        return timed("list", () -> delegate.list(prefix, cursor, maxKeys));
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        return timed("copy", () -> delegate.copy(sourceKey, targetKey));
    }

    @Override
    public boolean supportsPresignedUrls() {
        return delegate.supportsPresignedUrls();
    }

    @Override
    public PresignedRequest presignGet(String key, Duration expiry, DownloadHints hints) {
        return timed("presign-get", () -> delegate.presignGet(key, expiry, hints));
    }

    @Override
    public PresignedRequest presignPut(String key, Duration expiry, String contentType, long contentLength) {
        return timed("presign-put", () -> delegate.presignPut(key, expiry, contentType, contentLength));
    }

    @Override
    public SelfTestReport selfTest() {
        return timed("self-test", delegate::selfTest);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
