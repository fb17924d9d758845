package com.anastig.plugins.storage.s3;

import com.anastig.plugins.storage.s3common.SourceStream;
import com.anastig.plugin.api.ProviderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * One put, with bounded memory: a known length up to the threshold streams in one PUT (nothing is
 * buffered); a larger or unknown length goes up in parts, one part buffer at a time, and the
 * multipart upload is aborted on any failure so no partial object becomes visible. An unknown length
 * that turns out to fit in one part is sent as one PUT from that buffer.
 */
final class S3Upload {
    static final int MAX_PARTS = 10_000;
    private static final int FIRST_BUFFER = 64 * 1024;

    private final S3Client client;
    private final S3Settings settings;

    /** What a finished put produced. */
    record Result(long size, String etag) {
    }

    S3Upload(S3Client client, S3Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    Result put(String fullKey, InputStream data, long length, String contentType) {
        SourceStream source = new SourceStream(data);
        if (length >= 0 && length <= settings.multipartThreshold()) {
            PutObjectResponse response = client.putObject(b -> b.bucket(settings.bucket()).key(fullKey)
                .contentType(contentType).contentLength(length), RequestBody.fromInputStream(source, length));
            return new Result(length, response.eTag());
        }
        long partSize = partSize(length);
        byte[] buffer = new byte[(int) Math.min(partSize, Math.max(FIRST_BUFFER, length < 0 ? FIRST_BUFFER : partSize))];
        long remaining = length < 0 ? Long.MAX_VALUE : length;
        Filled first;
        try {
            first = fill(source, buffer, (int) Math.min(partSize, remaining));
        } catch (IOException e) {
            throw S3Errors.map("put", new java.io.UncheckedIOException(e));
        }
        if (first.count() < partSize && length < 0) {
            byte[] whole = first.buffer();
            int n = first.count();
            PutObjectResponse response = client.putObject(b -> b.bucket(settings.bucket()).key(fullKey)
                .contentType(contentType).contentLength((long) n), body(whole, n));
            return new Result(n, response.eTag());
        }
        return multipart(fullKey, source, length, contentType, partSize, first);
    }

    private Result multipart(String fullKey, SourceStream source, long length, String contentType, long partSize, Filled first) {
        String uploadId = client.createMultipartUpload(b -> b.bucket(settings.bucket()).key(fullKey).contentType(contentType))
            .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            Filled filled = first;
            long total = 0;
            while (true) {
                int partNumber = parts.size() + 1;
                if (partNumber > MAX_PARTS) {
                    throw ProviderException.invalidRequest("put failed: the object needs more than " + MAX_PARTS
                        + " parts of " + partSize + " bytes (raise partSize)");
                }
                byte[] part = filled.buffer();
                int n = filled.count();
                String etag = client.uploadPart(b -> b.bucket(settings.bucket()).key(fullKey).uploadId(uploadId)
                    .partNumber(partNumber).contentLength((long) n), body(part, n)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                total += n;
                long remaining = length < 0 ? Long.MAX_VALUE : length - total;
                if (n < partSize || remaining == 0) {
                    break;
                }
                filled = fill(source, part, (int) Math.min(partSize, remaining));
                if (filled.count() == 0) {
                    break;
                }
            }
            if (length >= 0 && total != length) {
                throw ProviderException.invalidRequest("put failed: the data ended after " + total + " of the "
                    + length + " bytes announced");
            }
            String etag = client.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(fullKey).uploadId(uploadId)
                .multipartUpload(u -> u.parts(parts))).eTag();
            return new Result(total, etag);
        } catch (RuntimeException | IOException e) {
            abortQuietly(fullKey, uploadId, e);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw S3Errors.map("put", new java.io.UncheckedIOException((IOException) e));
        }
    }

    private long partSize(long length) {
        long size = settings.partSize();
        if (length > size * MAX_PARTS) {
            size = (length + MAX_PARTS - 1) / MAX_PARTS;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw ProviderException.invalidRequest("put failed: the object is too large for parts held in memory");
        }
        return size;
    }

    /** A part buffer and how many bytes of it hold data. */
    private record Filled(byte[] buffer, int count) {
    }

    /** Reads up to {@code max} bytes, growing the buffer (doubling) as needed. */
    private static Filled fill(SourceStream source, byte[] buffer, int max) throws IOException {
        int total = 0;
        while (total < max) {
            if (total == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(max, (long) buffer.length * 2));
            }
            int n = source.readFully(buffer, total, Math.min(buffer.length, max) - total);
            total += n;
            if (total < Math.min(buffer.length, max)) {
                break;
            }
        }
        return new Filled(buffer, total);
    }

    private static RequestBody body(byte[] buffer, int length) {
        // a provider, not a copy: the SDK re-reads the same buffer on a retry
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, "application/octet-stream");
    }

    private void abortQuietly(String fullKey, String uploadId, Exception failure) {
        try {
            client.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(fullKey).uploadId(uploadId));
        } catch (RuntimeException e) {
            // the server may be gone; lifecycle rules on the bucket clean up what is left. Nothing was completed.
            failure.addSuppressed(new IllegalStateException("aborting the multipart upload failed: " + e.getClass().getSimpleName()));
        }
    }
}
