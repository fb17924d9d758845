package com.anastig.plugins.storage.s3;

import com.anastig.plugin.api.ByteRange;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.ProviderException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Turns a GetObject response into {@link ObjectContent}, resolving the range the server answered with. */
final class S3Download {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private S3Download() {
    }

    static ObjectContent open(String key, ByteRange range, ResponseInputStream<GetObjectResponse> in) {
        GetObjectResponse r = in.response();
        long length = r.contentLength() == null ? 0 : r.contentLength();
        Matcher m = r.contentRange() == null ? null : CONTENT_RANGE.matcher(r.contentRange());
        if (range == null || m == null || !m.matches()) {
            if (range != null && !range.isSatisfiable(length)) {
                in.abort();
                throw ProviderException.invalidRequest("get failed: the range " + range.toHttpHeader() + " is outside the object");
            }
            ObjectInfo info = new ObjectInfo(key, length, r.contentType(), r.eTag(), r.lastModified());
            if (range == null) {
                return new ObjectContent(info, new Body(in, length), null);
            }
            // the server ignored the Range header: cut the bytes out of the whole object ourselves
            long first = range.firstByte(length);
            try {
                in.skipNBytes(first);
            } catch (IOException e) {
                in.abort();
                throw ProviderException.unavailable("get failed while skipping to the range", e);
            }
            return new ObjectContent(info, new Body(in, range.length(length)), ByteRange.of(first, range.lastByte(length)));
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        long size = Long.parseLong(m.group(3));
        ObjectInfo info = new ObjectInfo(key, size, r.contentType(), r.eTag(), r.lastModified());
        return new ObjectContent(info, new Body(in, last - first + 1), ByteRange.of(first, last));
    }

    /** The body, limited to {@code limit} bytes; closing it early aborts the connection instead of draining it. */
    private static final class Body extends FilterInputStream {
        private final ResponseInputStream<?> response;
        private long remaining;

        Body(ResponseInputStream<?> response, long limit) {
            super(response);
            this.response = response;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                remaining = 0;
                return -1;
            }
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public void close() throws IOException {
            if (remaining > 0) {
                response.abort();
            }
            super.close();
        }
    }
}
