package com.anastig.platform.workspace;

import static com.anastig.platform.workspace.WorkspaceClient.project;
import static com.anastig.platform.workspace.WorkspaceClient.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.image.TestImages;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.anastig.platform.testing.Teams;
import com.anastig.plugin.testkit.s3.S3ProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An organization on its own bucket (S3Proxy on 127.0.0.1 through the s3 plugin): uploads land under
 * its prefix, downloads are 302s to presigned URLs that really serve the bytes, and direct uploads go
 * to the bucket and are checked on complete (size, SHA-256, type) or cleaned up when never completed.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkspaceByoIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private static final S3ProxyServer S3 = S3ProxyServer.start(S3ProxyServer.Backend.FILESYSTEM);
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB, settings());
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private final Teams teams = new Teams(APP);
    private final HttpClient http = HttpClient.newHttpClient();

    private static Map<String, Supplier<String>> settings() {
        try {
            Files.createDirectories(S3.blobDirectory().resolve("tenant"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, Supplier<String>> s = new HashMap<>();
        s.put("outbound.allowList", () -> "http://127.0.0.1:" + S3.port());
        s.put("workspace.uploadUrlExpiry", () -> "3 seconds");
        return s;
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    private String ownBucket(Teams.Team team) throws Exception {
        Map<String, Object> s = new HashMap<>();
        s.put("mode", "byo");
        s.put("provider", "s3");
        s.put("endpoint", "http://127.0.0.1:" + S3.port());
        s.put("region", S3ProxyServer.REGION);
        s.put("bucket", "tenant");
        String prefix = "t" + team.orgId().substring(0, 8) + "/";
        s.put("prefix", prefix);
        s.put("pathStyle", true);
        s.put("accessKeyId", S3.accessKey());
        s.put("secretAccessKey", S3.secretKey());
        ApiClient.Answer saved = team.admin().api().send("PUT", "/api/v1/orgs/" + team.orgId() + "/storage", s, Map.of());
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        return prefix;
    }

    private List<String> keys(String prefix) throws Exception {
        Path root = S3.blobDirectory().resolve("tenant");
        Path start = root.resolve(prefix);
        if (!Files.exists(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private HttpResponse<String> put(JsonNode upload, byte[] bytes) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upload.path("url").asText())).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        upload.path("headers").fields().forEachRemaining(h -> {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                b.header(h.getKey(), h.getValue().asText());
            }
        });
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> declared(String name, String type, byte[] bytes) throws Exception {
        return Map.of("filename", name, "contentType", type, "sizeBytes", bytes.length, "sha256", TestImages.sha256(bytes));
    }

    @Test
    void uploadsLandInTheOwnBucketAndDownloadsRedirectToAPresignedUrl() throws Exception {
        Teams.Team team = teams.team("Own bucket data");
        String prefix = ownBucket(team);
        ApiClient editor = team.editor().api();
        String project = project(editor, team.orgId(), "detection", "car");
        byte[] jpeg = TestImages.jpeg(300, 200, false);
        ApiClient.Answer up = upload(editor, team.orgId(), project, jpeg, "image/jpeg", "street.jpg");
        assertThat(up.status()).as(up.raw().body()).isEqualTo(201);
        String id = up.body().path("id").asText();
        assertThat(keys(prefix)).contains(prefix + "orgs/" + team.orgId() + "/projects/" + project + "/images/" + id);

        String path = "/api/v1/orgs/" + team.orgId() + "/projects/" + project + "/images/" + id;
        HttpResponse<byte[]> redirect = team.viewer().api().getBytes(path + "/content", Map.of());
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://127.0.0.1:" + S3.port() + "/tenant/").doesNotContain(S3.secretKey());
        assertThat(redirect.headers().firstValue("Cache-Control").orElseThrow()).startsWith("private, max-age=");
        HttpResponse<byte[]> bytes = http.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body()).isEqualTo(jpeg);
        // a range is streamed by the platform
        HttpResponse<byte[]> part = team.viewer().api().getBytes(path + "/content", Map.of("Range", "bytes=-5"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(jpeg, jpeg.length - 5, jpeg.length));
    }

    @Test
    void onItsOwnBucketAnOrganizationAnnotatesRegistersAModelExportsEveryFormatAndReimports() throws Exception {
        Teams.Team team = teams.team("Own bucket, whole flow");
        String prefix = ownBucket(team);
        ApiClient editor = team.editor().api();
        String org = team.orgId();
        String project = project(editor, org, "detection", "car", "person");
        String base = "/api/v1/orgs/" + org + "/projects/" + project;
        String a = upload(editor, org, project, TestImages.png(120, 90, false), "image/png", "a.png").body().path("id").asText();
        byte[] direct = TestImages.jpeg(80, 60, false);
        JsonNode started = editor.post(base + "/images/uploads", declared("b.jpg", "image/jpeg", direct)).body();
        assertThat(put(started, direct).statusCode()).isEqualTo(200);
        String b = editor.post(base + "/images/uploads/" + started.path("uploadId").asText() + "/complete", null).body().path("id").asText();
        assertThat(WorkspaceClient.putAnnotations(editor, base + "/images/" + a, "*", List.of(
            Map.of("labelClass", "car", "type", "bbox", "bbox", List.of(5, 5, 50, 40)),
            Map.of("labelClass", "person", "type", "polygon", "points", List.of(List.of(1, 1), List.of(100, 1), List.of(50, 80))))).status())
            .isEqualTo(200);
        assertThat(WorkspaceClient.putAnnotations(editor, base + "/images/" + b, "*", List.of(Map.of("labelClass", "person", "type", "tag")))
            .status()).isEqualTo(200);
        JsonNode model = editor.post(base + "/models", Map.of("name", "detector", "framework", "onnx")).body();
        assertThat(editor.sendBytes("PUT", base + "/models/" + model.path("id").asText() + "/artifact",
            HttpRequest.BodyPublishers.ofByteArray(new byte[4096]), Map.of("Content-Type", "application/octet-stream")).status()).isEqualTo(200);
        assertThat(team.viewer().api().getBytes(base + "/models/" + model.path("id").asText() + "/artifact", Map.of()).statusCode())
            .isEqualTo(302);

        String cocoKey = null;
        for (String format : List.of("coco", "yolo", "voc")) {
            String id = editor.post(base + "/exports", Map.of("format", format, "includeImages", true)).body().path("id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(editor.get(base + "/exports/" + id).body().path("status").asText()));
            JsonNode done = editor.get(base + "/exports/" + id).body();
            HttpResponse<byte[]> hop = team.viewer().api().getBytes(URI.create(done.path("downloadUrl").asText()).getPath(), Map.of());
            assertThat(hop.statusCode()).as(format).isEqualTo(302);
            HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(URI.create(hop.headers().firstValue("Location").orElseThrow())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            assertThat(zip.statusCode()).isEqualTo(200);
            assertThat(zip.body().length).isEqualTo(done.path("sizeBytes").asLong());
            assertThat(zip.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
            if (format.equals("coco")) {
                cocoKey = keys(prefix).stream().filter(k -> k.contains("/exports/" + id)).findFirst().orElseThrow()
                    .substring((prefix + "orgs/" + org + "/").length());
            }
        }
        String again = project(editor, org, "detection");
        String importId = editor.post("/api/v1/orgs/" + org + "/projects/" + again + "/imports", Map.of("objectKey", cocoKey)).body()
            .path("id").asText();
        String importPath = "/api/v1/orgs/" + org + "/projects/" + again + "/imports/" + importId;
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(editor.get(importPath).body().path("status").asText()));
        JsonNode imported = editor.get(importPath).body();
        assertThat(imported.path("imagesCreated").asLong()).isEqualTo(2);
        assertThat(imported.path("annotationsCreated").asLong()).isEqualTo(3);
        assertThat(keys(prefix)).anyMatch(k -> k.contains("/projects/" + again + "/images/"));
    }

    @Test
    void directUploadsGoToTheBucketAndAreCheckedOnComplete() throws Exception {
        Teams.Team team = teams.team("Direct uploads");
        String prefix = ownBucket(team);
        ApiClient editor = team.editor().api();
        String project = project(editor, team.orgId(), "detection", "car");
        String uploads = "/api/v1/orgs/" + team.orgId() + "/projects/" + project + "/images/uploads";

        byte[] png = TestImages.png(70, 30, false);
        ApiClient.Answer started = editor.post(uploads, declared("direct.png", "image/png", png));
        assertThat(started.status()).as(started.raw().body()).isEqualTo(201);
        String uploadId = started.body().path("uploadId").asText();
        assertThat(editor.post(uploads + "/" + uploadId + "/complete", null).code()).isEqualTo("upload_missing");
        assertThat(put(started.body(), png).statusCode()).isEqualTo(200);
        ApiClient.Answer done = editor.post(uploads + "/" + uploadId + "/complete", null);
        assertThat(done.status()).as(done.raw().body()).isEqualTo(201);
        assertThat(done.body().path("width").asInt()).isEqualTo(70);
        assertThat(done.body().path("filename").asText()).isEqualTo("direct.png");
        assertThat(editor.post(uploads + "/" + uploadId + "/complete", null).status()).isEqualTo(404);
        assertThat(editor.get("/api/v1/orgs/" + team.orgId() + "/projects/" + project + "/images/" + done.body().path("id").asText() + "/content")
            .status()).isEqualTo(302);

        // bytes that are not what was declared: refused, and the object is removed
        byte[] other = TestImages.png(71, 30, false);
        ApiClient.Answer liar = editor.post(uploads, declared("liar.png", "image/png", png));
        assertThat(put(liar.body(), other.length == png.length ? other : java.util.Arrays.copyOf(other, png.length)).statusCode())
            .isEqualTo(200);
        ApiClient.Answer refused = editor.post(uploads + "/" + liar.body().path("uploadId").asText() + "/complete", null);
        assertThat(refused.status()).isIn(422);
        assertThat(refused.code()).isIn("checksum_mismatch", "image_corrupt");
        assertThat(keys(prefix)).noneMatch(k -> k.contains(liar.body().path("uploadId").asText()));

        // a PNG declared as JPEG, and a type that is no image
        assertThat(editor.post(uploads, declared("x.svg", "image/svg+xml", png)).status()).isEqualTo(415);
        ApiClient.Answer mislabeled = editor.post(uploads, declared("x.jpg", "image/jpeg", png));
        put(mislabeled.body(), png);
        assertThat(editor.post(uploads + "/" + mislabeled.body().path("uploadId").asText() + "/complete", null).code())
            .isEqualTo("content_type_mismatch");

        // never completed: removed after its URL expired
        ApiClient.Answer abandoned = editor.post(uploads, declared("gone.png", "image/png", TestImages.png(5, 5, false)));
        put(abandoned.body(), TestImages.png(5, 5, false));
        String abandonedId = abandoned.body().path("uploadId").asText();
        assertThat(keys(prefix)).anyMatch(k -> k.contains(abandonedId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(keys(prefix)).noneMatch(k -> k.contains(abandonedId)));
        assertThat(editor.post(uploads + "/" + abandonedId + "/complete", null).status()).isEqualTo(404);
    }
}
