package com.anastig.platform.workspace;

import com.anastig.plugin.api.ByteRange;
import com.anastig.plugin.api.ObjectContent;
import com.anastig.plugin.api.PresignedRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How stored bytes are answered: a 302 to a presigned URL (cacheable privately for a little less
 * than the URL lives), or a stream with ranges, a safe {@code Content-Disposition} and
 * {@code nosniff}.
 */
final class Downloads {
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d{0,18})-(\\d{0,18})$");

    private Downloads() {
    }

    /** A single range from a {@code Range} header; null for none, for a multi-range or for one that does not parse (served whole). */
    static ByteRange range(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long n = Long.parseLong(m.group(2));
            return n == 0 ? null : ByteRange.lastBytes(n);
        }
        long start = Long.parseLong(m.group(1));
        if (m.group(2).isEmpty()) {
            return ByteRange.from(start);
        }
        long end = Long.parseLong(m.group(2));
        return end < start ? null : ByteRange.of(start, end);
    }

    /**
     * Answers for an object of {@code size} bytes at {@code key}: 416 for a range beyond it, a 302 to a presigned URL
     * where the store has them and no range was asked, else the bytes streamed (the range applied).
     */
    static Response serve(com.anastig.plugin.api.ObjectStore store, String key, long size, String rangeHeader,
                          com.anastig.plugin.api.DownloadHints hints, java.time.Duration ttl, Clock clock, String cacheControl, String etag) {
        ByteRange range = range(rangeHeader);
        if (range != null && !range.isSatisfiable(size)) {
            return unsatisfiable(size);
        }
        if (range == null && store.supportsPresignedUrls()) {
            return redirect(store.presignGet(key, ttl, hints), clock);
        }
        return stream(store.get(key, range), size, hints.contentType(), hints.contentDisposition(), cacheControl, etag);
    }

    static Response unsatisfiable(long size) {
        return Response.status(416).header("Content-Range", "bytes */" + size).header("Accept-Ranges", "bytes").build();
    }

    static Response redirect(PresignedRequest presigned, Clock clock) {
        long seconds = Math.max(0, Duration.between(clock.instant(), presigned.expiresAt()).minusSeconds(60).getSeconds());
        return Response.status(302).location(presigned.url()).header("Cache-Control", "private, max-age=" + seconds)
            .header("Referrer-Policy", "no-referrer").build();
    }

    /** Streams an object (the whole or a range), closing it when done. */
    static Response stream(ObjectContent content, long size, String mediaType, String disposition, String cacheControl, String etag) {
        StreamingOutput body = out -> {
            try (ObjectContent c = content; InputStream in = c.stream()) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder r = Response.status(content.range() == null ? 200 : 206).entity(body).type(mediaType)
            .header("Content-Length", content.contentLength()).header("Accept-Ranges", "bytes")
            .header("Content-Disposition", disposition).header("X-Content-Type-Options", "nosniff").header("Cache-Control", cacheControl);
        if (etag != null) {
            r.header("ETag", etag);
        }
        if (content.range() != null) {
            ByteRange range = content.range();
            r.header("Content-Range", "bytes " + range.firstByte(size) + "-" + range.lastByte(size) + "/" + size);
        }
        return r.build();
    }
}
