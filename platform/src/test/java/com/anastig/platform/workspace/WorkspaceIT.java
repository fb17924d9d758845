package com.anastig.platform.workspace;

import static com.anastig.platform.workspace.WorkspaceClient.etag;
import static com.anastig.platform.workspace.WorkspaceClient.multipart;
import static com.anastig.platform.workspace.WorkspaceClient.project;
import static com.anastig.platform.workspace.WorkspaceClient.putAnnotations;
import static com.anastig.platform.workspace.WorkspaceClient.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.image.TestImages;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.anastig.platform.testing.Teams;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Projects, images and annotations on the managed storage (the fs provider in a temporary folder):
 * streaming uploads with every bad input refused before anything is kept, downloads with ranges,
 * annotations under optimistic concurrency, thumbnails, and deletes that remove the objects.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkspaceIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);
    private final Teams teams = new Teams(APP);
    private final Jdbi superuser = Jdbi.create(DB.asSuperuser());

    private Path objects(String org) {
        return Path.of(APP.getConfiguration().dataDirectory().toString(), "objects", "data", "orgs", org);
    }

    private List<Path> files(String org) throws Exception {
        Path root = objects(org);
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private long rows(String table, String org) {
        return superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE org_id = CAST(:o AS uuid)").bind("o", org)
            .mapTo(Long.class).one());
    }

    @Test
    void projectsAndLabelClassesRenameAddAndRefuseToDeleteAClassInUseUnlessAskedToCascade() throws Exception {
        Teams.Team team = teams.team("Projects");
        ApiClient editor = team.editor().api();
        String base = "/api/v1/orgs/" + team.orgId() + "/projects";
        ApiClient.Answer created = editor.post(base, Map.of("name", "Cars", "type", "detection",
            "labelClasses", List.of(Map.of("name", "car", "color", "#FF0000"), Map.of("name", "person"))));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.body().path("id").asText();
        JsonNode classes = created.body().path("labelClasses");
        assertThat(classes).hasSize(2);
        assertThat(classes.get(0).path("color").asText()).isEqualTo("#ff0000");
        String car = classes.get(0).path("id").asText();
        String person = classes.get(1).path("id").asText();

        assertThat(editor.post(base, Map.of("name", "cars", "type", "detection")).code()).isEqualTo("name_taken");
        assertThat(editor.post(base, Map.of("name", "X", "type", "video")).status()).isEqualTo(400);
        assertThat(editor.post(base, Map.of("name", "X", "type", "detection", "labelClasses",
            List.of(Map.of("name", "a"), Map.of("name", "A")))).status()).isEqualTo(400);
        assertThat(team.viewer().api().post(base, Map.of("name", "V", "type", "detection")).status()).isEqualTo(403);
        assertThat(team.viewer().api().get(base).body().path("items")).hasSize(1);

        // an image annotated with "car"
        String img = base + "/" + id + "/images/" + upload(editor, team.orgId(), id, TestImages.png(40, 30, false), "image/png", "a.png")
            .body().path("id").asText();
        assertThat(putAnnotations(editor, img, "*", List.of(Map.of("labelClass", car, "type", "bbox", "bbox", List.of(1, 2, 10, 10)),
            Map.of("labelClass", "PERSON", "type", "tag"))).status()).isEqualTo(200);

        // rename keeps the annotations; a class left out that is in use is refused...
        ApiClient.Answer renamed = editor.send("PATCH", base + "/" + id, Map.of("labelClasses",
            List.of(Map.of("id", car, "name", "automobile"), Map.of("id", person, "name", "person"), Map.of("name", "bike"))), Map.of());
        assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(200);
        assertThat(renamed.body().path("labelClasses")).hasSize(3);
        assertThat(editor.get(img + "/annotations").body().get(0).path("labelClassName").asText()).isEqualTo("automobile");
        ApiClient.Answer refused = editor.send("PATCH", base + "/" + id, Map.of("labelClasses", List.of(Map.of("id", person, "name", "person"))),
            Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("label_class_in_use");
        // ...unless asked to cascade: the shapes of that class go, the others stay
        ApiClient.Answer cascaded = editor.send("PATCH", base + "/" + id + "?cascade=true",
            Map.of("labelClasses", List.of(Map.of("id", person, "name", "person"))), Map.of());
        assertThat(cascaded.status()).as(cascaded.raw().body()).isEqualTo(200);
        JsonNode left = editor.get(img + "/annotations").body();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).path("type").asText()).isEqualTo("tag");

        // delete: gone at once, objects and rows removed in the background
        assertThat(editor.send("DELETE", base + "/" + id, null, Map.of()).status()).isEqualTo(403);
        assertThat(team.admin().api().send("DELETE", base + "/" + id, null, Map.of()).status()).isEqualTo(204);
        assertThat(editor.get(base + "/" + id).status()).isEqualTo(404);
        assertThat(editor.get(img).status()).isEqualTo(404);
        assertThat(editor.get(base).body().path("items")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(rows("project", team.orgId())).isZero();
            assertThat(files(team.orgId())).isEmpty();
        });
        JsonNode usage = team.viewer().api().get("/api/v1/orgs/" + team.orgId() + "/usage").body();
        assertThat(usage.path("storageBytes").asLong()).isZero();
        assertThat(usage.path("objects").asLong()).isZero();
    }

    @Test
    void uploadsStreamThroughTheChecksAndTheSameBytesTwiceGiveTheFirstImage() throws Exception {
        Teams.Team team = teams.team("Uploads");
        ApiClient editor = team.editor().api();
        String project = project(editor, team.orgId(), "detection", "car");
        byte[] png = TestImages.png(64, 48, true);
        ApiClient.Answer first = upload(editor, team.orgId(), project, png, "image/png", "dir/../../evil\u0000\r\nname.png");
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        assertThat(first.body().path("width").asInt()).isEqualTo(64);
        assertThat(first.body().path("height").asInt()).isEqualTo(48);
        assertThat(first.body().path("sizeBytes").asLong()).isEqualTo(png.length);
        assertThat(first.body().path("sha256").asText()).isEqualTo(TestImages.sha256(png));
        assertThat(first.body().path("filename").asText()).isEqualTo("evilname.png");
        ApiClient.Answer again = upload(editor, team.orgId(), project, png, "image/png", "copy.png");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());

        byte[] jpeg = TestImages.jpeg(120, 80, true);
        ApiClient.Answer viaForm = multipart(editor, team.orgId(), project, jpeg, "application/octet-stream", "photo.jpg");
        assertThat(viaForm.status()).as(viaForm.raw().body()).isEqualTo(201);
        assertThat(viaForm.body().path("width").asInt()).isEqualTo(120);
        ApiClient.Answer webp = upload(editor, team.orgId(), project, TestImages.WEBP_LOSSY_5X3, "image/webp", null);
        assertThat(webp.status()).isEqualTo(201);
        assertThat(webp.body().path("width").asInt()).isEqualTo(5);
        assertThat(files(team.orgId())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(team.viewer().api().get("/api/v1/orgs/" + team.orgId() + "/usage").body().path("images").asLong()).isEqualTo(3);
        assertThat(upload(team.viewer().api(), team.orgId(), project, png, "image/png", null).status()).isEqualTo(403);

        // 300 characters are shortened, the extension kept
        String longName = "x".repeat(300) + ".png";
        ApiClient.Answer longOne = upload(editor, team.orgId(), project, TestImages.png(3, 3, false), "image/png", longName);
        assertThat(longOne.body().path("filename").asText()).hasSize(200).endsWith(".png");
    }

    @Test
    void badFilesAreRefusedWithAClearCodeAndLeaveNoRowAndNoObject() throws Exception {
        Teams.Team team = teams.team("Bad files");
        ApiClient editor = team.editor().api();
        String project = project(editor, team.orgId(), "detection", "car");
        byte[] png = TestImages.png(10, 10, false);
        byte[] jpeg = TestImages.jpeg(50, 40, false);
        byte[] bomb = TestImages.withPngSize(TestImages.png(1, 1, false), 100_000, 100_000);
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("png as jpeg", new Object[] {png, "image/jpeg", 415, "content_type_mismatch"});
        cases.put("html as png", new Object[] {"<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), "image/png", 415,
            "unsupported_media_type"});
        cases.put("svg as png", new Object[] {"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), "image/png",
            415, "unsupported_media_type"});
        cases.put("svg type", new Object[] {"<svg/>".getBytes(StandardCharsets.UTF_8), "image/svg+xml", 415, "unsupported_media_type"});
        cases.put("bomb header", new Object[] {bomb, "image/png", 422, "image_too_large"});
        cases.put("truncated jpeg", new Object[] {Arrays.copyOf(jpeg, jpeg.length / 2), "image/jpeg", 422, "image_corrupt"});
        cases.put("zero bytes", new Object[] {new byte[0], "image/png", 422, "image_empty"});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            ApiClient.Answer a = upload(editor, team.orgId(), project, (byte[]) c.getValue()[0], (String) c.getValue()[1], "f.png");
            assertThat(a.status()).as(c.getKey() + ": " + a.raw().body()).isEqualTo(c.getValue()[2]);
            assertThat(a.code()).as(c.getKey()).isEqualTo(c.getValue()[3]);
            assertThat(a.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(rows("image", team.orgId())).isZero();
        assertThat(files(team.orgId())).isEmpty();

        // an upload cut off half way: no row, no object
        String cookie = editor.cookie();
        String csrf = editor.get("/api/v1/session").body().path("csrfToken").asText();
        byte[] big = TestImages.png(400, 400, false);
        try (Socket s = new Socket("127.0.0.1", APP.getLocalPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/orgs/" + team.orgId() + "/projects/" + project + "/images HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: image/png\r\nContent-Length: " + big.length + "\r\nCookie: " + cookie + "\r\nX-CSRF-Token: " + csrf
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(big, 0, big.length / 2);
            out.flush();
            Thread.sleep(300);
        }
        Thread.sleep(500);
        assertThat(rows("image", team.orgId())).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(files(team.orgId())).isEmpty());
        try (Stream<Path> temp = Files.walk(Path.of(APP.getConfiguration().dataDirectory().toString(), "objects", "tmp"))) {
            assertThat(temp.filter(Files::isRegularFile).toList()).as("no partial file left in the provider's temp folder").isEmpty();
        }
        assertThat(upload(editor, team.orgId(), project, png, "image/png", null).status()).isEqualTo(201);
    }

    @Test
    void downloadsServeTheBytesWithRangesASafeNameAndTheThumbnailAppears() throws Exception {
        Teams.Team team = teams.team("Downloads");
        ApiClient viewer = team.viewer().api();
        String project = project(team.editor().api(), team.orgId(), "detection");
        byte[] jpeg = TestImages.jpeg(1200, 900, false);
        String id = upload(team.editor().api(), team.orgId(), project, jpeg, "image/jpeg", "na\"me;x.jpg").body().path("id").asText();
        String path = "/api/v1/orgs/" + team.orgId() + "/projects/" + project + "/images/" + id;
        HttpResponse<byte[]> whole = viewer.getBytes(path + "/content", Map.of());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(jpeg);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(whole.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline; filename=\"namex.jpg\"");
        assertThat(whole.headers().firstValue("Cache-Control").orElseThrow()).contains("private");
        HttpResponse<byte[]> part = viewer.getBytes(path + "/content", Map.of("Range", "bytes=10-19"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(jpeg, 10, 20));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + jpeg.length);
        assertThat(viewer.getBytes(path + "/content", Map.of("Range", "bytes=" + jpeg.length + "-")).statusCode()).isEqualTo(416);
        await().atMost(Duration.ofSeconds(30)).until(() -> viewer.get(path).body().path("hasThumbnail").asBoolean());
        HttpResponse<byte[]> thumb = viewer.getBytes(path + "/thumbnail", Map.of());
        assertThat(thumb.statusCode()).isEqualTo(200);
        java.awt.image.BufferedImage t = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumb.body()));
        assertThat(Math.max(t.getWidth(), t.getHeight())).isEqualTo(256);

        // delete: the row at once, the objects (image and thumbnail) through the deletion queue, the usage counted down
        assertThat(files(team.orgId())).hasSize(2);
        assertThat(team.editor().api().send("DELETE", path, null, Map.of()).status()).isEqualTo(204);
        assertThat(viewer.get(path).status()).isEqualTo(404);
        assertThat(viewer.getBytes(path + "/content", Map.of()).statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(files(team.orgId())).isEmpty());
        assertThat(viewer.get("/api/v1/orgs/" + team.orgId() + "/usage").body().path("storageBytes").asLong()).isZero();
    }
}
