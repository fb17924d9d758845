package com.anastig.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.plugin.api.DownloadHints;
import com.anastig.plugin.api.PresignedRequest;
import com.anastig.plugin.api.ProviderException.Kind;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Presigned URLs, exercised with a real HTTP client: upload through a presigned PUT (sending the
 * headers it names), download through a presigned GET, and expired URLs refused. A store without
 * presigned URLs must say so and throw UNSUPPORTED. Part of {@link StorageContract}.
 *
 * <p>Expiry: the test signs with {@link #clock()} set ten minutes back and a 2-second expiry, so a
 * provider that signs with the context clock produces an already-expired URL; one that uses the
 * system clock gets a URL that expires while the test waits.
 */
public abstract class StorageContractPresignTests extends StorageContractStreamingTests {
    /** Headers java.net.http sets itself and refuses to take from the caller. */
    private static final Set<String> CLIENT_MANAGED_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade headers next to the signed ones
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    @Test
    void presignedUrlSupportIsAsDocumented() {
        assertThat(store().supportsPresignedUrls()).isEqualTo(supportsPresignedUrls());
        if (!supportsPresignedUrls()) {
            put("p/x", new byte[] {1}, null);
            assertProviderException(Kind.UNSUPPORTED, () -> store().presignGet("p/x", Duration.ofMinutes(5), DownloadHints.NONE));
            assertProviderException(Kind.UNSUPPORTED, () -> store().presignPut("p/y", Duration.ofMinutes(5), "image/png", 10));
            assertThat(store().head("p/y")).isEmpty();
        }
    }

    @Test
    void presignedPutThenPresignedGetWithARealHttpClient() throws Exception {
        if (!supportsPresignedUrls()) {
            assertProviderException(Kind.UNSUPPORTED, () -> store().presignPut("p/up.png", Duration.ofMinutes(5), "image/png", 1));
            return;
        }
        byte[] body = GeneratedInputStream.bytes(150_000, 21);
        PresignedRequest up = store().presignPut("presigned/up load.png", Duration.ofMinutes(5), "image/png", body.length);
        assertThat(up.method()).isEqualTo("PUT");
        assertThat(up.expiresAt()).isAfter(Instant.now().plusSeconds(200));
        HttpResponse<String> put = http.send(request(up, body), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as("presigned PUT answer: " + put.body()).isBetween(200, 299);

        assertThat(store().head("presigned/up load.png").orElseThrow().size()).isEqualTo(body.length);
        assertThat(store().head("presigned/up load.png").orElseThrow().contentType()).isEqualTo("image/png");
        assertThat(store().readAllBytes("presigned/up load.png")).isEqualTo(body);

        PresignedRequest down = store().presignGet("presigned/up load.png", Duration.ofMinutes(5), DownloadHints.NONE);
        assertThat(down.method()).isEqualTo("GET");
        HttpResponse<byte[]> get = http.send(request(down, null), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(body);
    }

    @Test
    void presignedPutWithoutFixedLengthAndGetWithHints() throws Exception {
        if (!supportsPresignedUrls()) {
            assertProviderException(Kind.UNSUPPORTED, () -> store().presignGet("p/x", Duration.ofMinutes(5), DownloadHints.NONE));
            return;
        }
        byte[] body = "hello, presigned world".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PresignedRequest up = store().presignPut("presigned/ünï/hello.txt", Duration.ofMinutes(5), "text/plain", -1);
        assertThat(http.send(request(up, body), HttpResponse.BodyHandlers.discarding()).statusCode()).isBetween(200, 299);
        assertThat(store().readAllBytes("presigned/ünï/hello.txt")).isEqualTo(body);

        DownloadHints hints = new DownloadHints("application/octet-stream", "attachment; filename=\"hello.txt\"");
        PresignedRequest down = store().presignGet("presigned/ünï/hello.txt", Duration.ofMinutes(5), hints);
        HttpResponse<byte[]> get = http.send(request(down, null), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(body);
        if (presignedGetHonoursDownloadHints()) {
            assertThat(get.headers().firstValue("content-type")).contains("application/octet-stream");
            assertThat(get.headers().firstValue("content-disposition")).contains("attachment; filename=\"hello.txt\"");
        }
    }

    @Test
    void expiredPresignedUrlsAreRefused() throws Exception {
        if (!supportsPresignedUrls()) {
            assertProviderException(Kind.UNSUPPORTED, () -> store().presignGet("p/x", Duration.ofSeconds(2), DownloadHints.NONE));
            return;
        }
        put("expiring/obj", new byte[] {1, 2, 3}, "text/plain");
        clock().shift(Duration.ofMinutes(-10));
        PresignedRequest get = store().presignGet("expiring/obj", Duration.ofSeconds(2), DownloadHints.NONE);
        PresignedRequest put = store().presignPut("expiring/new", Duration.ofSeconds(2), "text/plain", 3);
        clock().reset();
        waitUntilPast(get.expiresAt().isAfter(put.expiresAt()) ? get.expiresAt() : put.expiresAt());

        HttpResponse<byte[]> got = http.send(request(get, null), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).as("GET with an expired URL").isBetween(400, 499);
        assertThat(got.body()).isNotEqualTo(new byte[] {1, 2, 3});
        HttpResponse<Void> sent = http.send(request(put, new byte[] {4, 5, 6}), HttpResponse.BodyHandlers.discarding());
        assertThat(sent.statusCode()).as("PUT with an expired URL").isBetween(400, 499);
        assertThat(store().head("expiring/new")).isEmpty();
    }

    @Test
    void selfTestPassesAndLeavesNothingBehind() {
        put("keep/me", new byte[] {1}, null);
        var report = store().selfTest();
        assertThat(report.ok()).as("self-test report " + report).isTrue();
        assertThat(report.steps()).extracting(s -> s.name())
            .containsAll(requiredSelfTestSteps())
            .allSatisfy(name -> assertThat(name).isIn("resolve", "connect", "auth", "write", "read", "delete", "presign"))
            .doesNotHaveDuplicates();
        assertThat(listAllKeys("", 100)).containsExactly("keep/me");
    }

    private static void waitUntilPast(Instant expiresAt) throws InterruptedException {
        Instant deadline = expiresAt.plusMillis(1500);
        assertThat(deadline).as("a 2-second URL must not live longer than 10 s").isBefore(Instant.now().plusSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    private static HttpRequest request(PresignedRequest presigned, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(presigned.url()).timeout(Duration.ofSeconds(60));
        presigned.headers().forEach((name, value) -> {
            if (!CLIENT_MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            } else if (name.equalsIgnoreCase("content-length") && body != null) {
                assertThat(value).as("signed Content-Length").isEqualTo(String.valueOf(body.length));
            }
        });
        return builder.method(presigned.method(),
            body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
