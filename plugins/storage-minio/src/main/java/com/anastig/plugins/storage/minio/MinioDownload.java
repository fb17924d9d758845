package com.anastig.plugins.storage.minio;

import com.anastig.plugin.api.ByteRange;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.ObjectInfo;
import com.anastig.plugin.api.ProviderException;
import io.minio.GetObjectResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/** Turns a GetObject response into {@link ObjectContent}, resolving the range the server answered with. */
final class MinioDownload {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private MinioDownload() {
    }

    static ObjectContent open(String key, ByteRange range, GetObjectResponse response) {
        Headers headers = response.headers();
        long length = parseLong(headers.get("Content-Length"));
        String type = headers.get("Content-Type");
        String etag = MinioObjectStore.etag(headers.get("ETag"));
        Instant modified = lastModified(headers.get("Last-Modified"));
        String contentRange = headers.get("Content-Range");
        Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange);
        try {
            if (range != null && m != null && m.matches()) {
                long first = Long.parseLong(m.group(1));
                long last = Long.parseLong(m.group(2));
                ObjectInfo info = new ObjectInfo(key, Long.parseLong(m.group(3)), type, etag, modified);
                return new ObjectContent(info, new Limited(response, last - first + 1), ByteRange.of(first, last));
            }
            ObjectInfo info = new ObjectInfo(key, length, type, etag, modified);
            if (range == null) {
                return new ObjectContent(info, new Limited(response, length), null);
            }
            if (!range.isSatisfiable(length)) {
                response.close();
                throw ProviderException.invalidRequest("get failed: the range " + range.toHttpHeader() + " is outside the object");
            }
            // the server ignored the Range header: cut the bytes out of the whole object ourselves
            response.skipNBytes(range.firstByte(length));
            return new ObjectContent(info, new Limited(response, range.length(length)),
                ByteRange.of(range.firstByte(length), range.lastByte(length)));
        } catch (IOException e) {
            closeQuietly(response);
            throw ProviderException.unavailable("get failed while reading the answer", e);
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant lastModified(String value) {
        try {
            return value == null ? null : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /** The body, limited to the bytes of the range (closing it closes the connection's response). */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long limit) {
            super(in);
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
    }
}
