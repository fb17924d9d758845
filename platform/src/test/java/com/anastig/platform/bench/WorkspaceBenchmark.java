package com.anastig.platform.bench;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.image.TestImages;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.People;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.anastig.plugin.testkit.s3.S3ProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Image transfer through the platform against the AWS SDK talking to the same S3 server (S3Proxy on
 * 127.0.0.1, filesystem backend) directly, rounds interleaved, medians of throughput:
 * upload through the platform (inspection, SHA-256, row, audit) vs SDK PutObject, for 100 KB and
 * 16 MiB images; the presigned direct PUT itself vs SDK PutObject (the {@code complete} check timed
 * separately); download by the platform's presigned redirect (the 302 and the GET) vs SDK GetObject.
 * {@code mvn -q -pl platform -Pbench-workspace test-compile exec:java} (README). {@code bench.rounds} (7).
 */
public final class WorkspaceBenchmark {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private WorkspaceBenchmark() {
    }

    public static void main(String[] args) throws Throwable {
        S3ProxyServer s3 = S3ProxyServer.start(S3ProxyServer.Backend.FILESYSTEM);
        Files.createDirectories(s3.blobDirectory().resolve("bench"));
        SharedPostgres.TestDatabase db = SharedPostgres.newDatabase();
        Map<String, Supplier<String>> extra = new HashMap<>();
        extra.put("outbound.allowList", () -> "http://127.0.0.1:" + s3.port());
        extra.put("logging.level", () -> "WARN");
        DropwizardAppExtension<AnastigConfiguration> app = TestApp.create(db, extra);
        app.before();
        S3Client sdk = S3Client.builder().httpClient(ApacheHttpClient.builder().build()).region(Region.of(S3ProxyServer.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
            .endpointOverride(s3.endpoint()).forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
        try {
            People.Person owner = new People(app).signedIn("Bench Owner", "Bench Org");
            ApiClient api = owner.api();
            String org = api.get("/api/v1/orgs").body().path("items").get(0).path("id").asText();
            Map<String, Object> byo = new HashMap<>(Map.of("mode", "byo", "provider", "s3", "endpoint", "http://127.0.0.1:" + s3.port(),
                "region", S3ProxyServer.REGION, "bucket", "bench", "pathStyle", true, "accessKeyId", s3.accessKey(),
                "secretAccessKey", s3.secretKey()));
            ApiClient.Answer saved = api.send("PUT", "/api/v1/orgs/" + org + "/storage", byo, Map.of());
            if (saved.status() != 200) {
                throw new IllegalStateException("storage: " + saved.status() + " " + saved.raw().body());
            }
            System.out.printf("%d cores, %s %s, S3Proxy (filesystem backend) on 127.0.0.1, %d rounds%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"), ROUNDS);
            for (int size : new int[] {100 * 1024, 16 * 1024 * 1024}) {
                run(api, org, sdk, png(size), size);
            }
        } finally {
            sdk.close();
            app.after();
            s3.close();
            System.exit(0);
        }
    }

    private static void run(ApiClient api, String org, S3Client sdk, byte[] image, int nominal) throws Exception {
        List<Double> platform = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        List<Double> presigned = new ArrayList<>();
        List<Double> complete = new ArrayList<>();
        List<Double> redirect = new ArrayList<>();
        List<Double> sdkGet = new ArrayList<>();
        for (int r = 0; r < ROUNDS + 1; r++) {
            boolean warm = r == 0;
            String project = api.post("/api/v1/orgs/" + org + "/projects", Map.of("name", "b" + UUID.randomUUID(), "type", "detection"))
                .body().path("id").asText();
            String base = "/api/v1/orgs/" + org + "/projects/" + project + "/images";
            long t0 = System.nanoTime();
            ApiClient.Answer up = api.sendBytes("POST", base, HttpRequest.BodyPublishers.ofByteArray(image), Map.of("Content-Type", "image/png"));
            long platformNanos = System.nanoTime() - t0;
            if (up.status() != 201) {
                throw new IllegalStateException("upload: " + up.status() + " " + up.raw().body());
            }
            t0 = System.nanoTime();
            sdk.putObject(b -> b.bucket("bench").key("direct/" + UUID.randomUUID()).contentType("image/png"), RequestBody.fromBytes(image));
            long directNanos = System.nanoTime() - t0;

            String other = api.post("/api/v1/orgs/" + org + "/projects", Map.of("name", "p" + UUID.randomUUID(), "type", "detection"))
                .body().path("id").asText();
            String uploads = "/api/v1/orgs/" + org + "/projects/" + other + "/images/uploads";
            JsonNode started = api.post(uploads, Map.of("filename", "b.png", "contentType", "image/png", "sizeBytes", image.length,
                "sha256", TestImages.sha256(image))).body();
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(started.path("url").asText())).PUT(HttpRequest.BodyPublishers.ofByteArray(image));
            started.path("headers").fields().forEachRemaining(h -> {
                if (!RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    put.header(h.getKey(), h.getValue().asText());
                }
            });
            t0 = System.nanoTime();
            int putStatus = HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            long presignedNanos = System.nanoTime() - t0;
            t0 = System.nanoTime();
            ApiClient.Answer done = api.post(uploads + "/" + started.path("uploadId").asText() + "/complete", null);
            long completeNanos = System.nanoTime() - t0;
            if (putStatus != 200 || done.status() != 201) {
                throw new IllegalStateException("direct upload: " + putStatus + " / " + done.status() + " " + done.raw().body());
            }

            String content = base + "/" + up.body().path("id").asText() + "/content";
            t0 = System.nanoTime();
            HttpResponse<byte[]> hop = api.getBytes(content, Map.of());
            HttpResponse<byte[]> got = HTTP.send(HttpRequest.newBuilder(URI.create(hop.headers().firstValue("Location").orElseThrow())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            long redirectNanos = System.nanoTime() - t0;
            String key = "direct/get-" + UUID.randomUUID();
            sdk.putObject(b -> b.bucket("bench").key(key), RequestBody.fromBytes(image));
            t0 = System.nanoTime();
            byte[] viaSdk = sdk.getObjectAsBytes(b -> b.bucket("bench").key(key)).asByteArray();
            long sdkGetNanos = System.nanoTime() - t0;
            if (got.body().length != image.length || viaSdk.length != image.length) {
                throw new IllegalStateException("download sizes differ");
            }
            if (!warm) {
                platform.add(mibPerSecond(image.length, platformNanos));
                direct.add(mibPerSecond(image.length, directNanos));
                presigned.add(mibPerSecond(image.length, presignedNanos));
                complete.add(completeNanos / 1e6);
                redirect.add(mibPerSecond(image.length, redirectNanos));
                sdkGet.add(mibPerSecond(image.length, sdkGetNanos));
            }
        }
        String label = nominal < 1 << 20 ? "100 KB" : "16 MiB";
        System.out.printf("%s image (%d bytes): upload through the platform %.1f MiB/s, SDK PutObject %.1f MiB/s, ratio %.2f%n", label,
            image.length, median(platform), median(direct), median(platform) / median(direct));
        System.out.printf("%s image: presigned direct PUT %.1f MiB/s, ratio to SDK PutObject %.2f; complete (read back and checked) %.1f ms%n",
            label, median(presigned), median(presigned) / median(direct), median(complete));
        System.out.printf("%s image: download by presigned redirect %.1f MiB/s, SDK GetObject %.1f MiB/s, ratio %.2f%n", label,
            median(redirect), median(sdkGet), median(redirect) / median(sdkGet));
    }

    /** A PNG of about {@code size} bytes: noise does not compress. */
    private static byte[] png(int size) throws Exception {
        int side = (int) Math.sqrt(size / 3.0);
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
