package com.anastig.platform.workspace;

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
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** COCO imports: an export of ours comes back with identical counts (from the body and from the bucket); broken archives fail clearly. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ImportsIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);
    private final Teams teams = new Teams(APP);

    private static JsonNode awaitStatus(ApiClient api, String path, String status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String s = api.get(path).body().path("status").asText();
            return s.equals(status) || (!status.equals("failed") && s.equals("failed"));
        });
        try {
            return api.get(path).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiClient.Answer importZip(ApiClient api, String org, String project, byte[] zip) throws Exception {
        return api.sendBytes("POST", "/api/v1/orgs/" + org + "/projects/" + project + "/imports", HttpRequest.BodyPublishers.ofByteArray(zip),
            Map.of("Content-Type", "application/zip"));
    }

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void anExportOfOursComesBackWithIdenticalCounts() throws Exception {
        Teams.Team team = teams.team("Round trip");
        ApiClient editor = team.editor().api();
        String source = project(editor, team.orgId(), "segmentation", "car", "=person");
        String images = "/api/v1/orgs/" + team.orgId() + "/projects/" + source + "/images/";
        String a = upload(editor, team.orgId(), source, TestImages.png(120, 80, false), "image/png", "a.png").body().path("id").asText();
        String b = upload(editor, team.orgId(), source, TestImages.jpeg(90, 60, false), "image/jpeg", "b.jpg").body().path("id").asText();
        upload(editor, team.orgId(), source, TestImages.WEBP_LOSSLESS_5X3, "image/webp", "c.webp");
        putAnnotations(editor, images + a, "*", List.of(Map.of("labelClass", "car", "type", "bbox", "bbox", List.of(1.5, 2, 30, 40)),
            Map.of("labelClass", "=person", "type", "polygon", "points", List.of(List.of(0, 0), List.of(119, 0), List.of(60, 79))),
            Map.of("labelClass", "car", "type", "tag")));
        putAnnotations(editor, images + b, "*", List.of(Map.of("labelClass", "=person", "type", "bbox", "bbox", List.of(0, 0, 90, 60))));
        String exportPath = "/api/v1/orgs/" + team.orgId() + "/projects/" + source + "/exports/"
            + editor.post("/api/v1/orgs/" + team.orgId() + "/projects/" + source + "/exports", Map.of("format", "coco", "includeImages", true))
            .body().path("id").asText();
        JsonNode export = awaitStatus(editor, exportPath, "done");
        byte[] archive = editor.getBytes(URI.create(export.path("downloadUrl").asText()).getPath(), Map.of()).body();

        String target = project(editor, team.orgId(), "segmentation");
        ApiClient.Answer started = importZip(editor, team.orgId(), target, archive);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        JsonNode done = awaitStatus(editor, "/api/v1/orgs/" + team.orgId() + "/projects/" + target + "/imports/" + started.body().path("id")
            .asText(), "done");
        assertThat(done.path("imagesCreated").asLong()).as(done.toString()).isEqualTo(3);
        assertThat(done.path("annotationsCreated").asLong()).isEqualTo(4);
        assertThat(done.path("errors")).as(done.toString()).isEmpty();
        assertThat(done.path("progress").path("done").asLong()).isEqualTo(3);
        JsonNode project = editor.get("/api/v1/orgs/" + team.orgId() + "/projects/" + target).body();
        assertThat(project.path("imageCount").asLong()).isEqualTo(3);
        assertThat(project.path("labelClasses").findValuesAsText("name")).containsExactlyInAnyOrder("car", "=person");
        long boxes = 0;
        long polygons = 0;
        long tags = 0;
        for (JsonNode image : editor.get("/api/v1/orgs/" + team.orgId() + "/projects/" + target + "/images").body().path("items")) {
            for (JsonNode s : editor.get("/api/v1/orgs/" + team.orgId() + "/projects/" + target + "/images/" + image.path("id").asText()
                + "/annotations").body()) {
                switch (s.path("type").asText()) {
                    case "bbox" -> boxes++;
                    case "polygon" -> polygons++;
                    default -> tags++;
                }
            }
        }
        assertThat(List.of(boxes, polygons, tags)).containsExactly(2L, 1L, 1L);

        // the same archive named by its key in the organization's storage (here: the export's own object)
        String key = Jdbi.create(DB.asSuperuser()).withHandle(h -> h.createQuery("SELECT object_key FROM dataset_export WHERE id = CAST(:id AS uuid)")
            .bind("id", export.path("id").asText()).mapTo(String.class).one());
        String third = project(editor, team.orgId(), "segmentation");
        ApiClient.Answer fromBucket = editor.post("/api/v1/orgs/" + team.orgId() + "/projects/" + third + "/imports", Map.of("objectKey", key));
        assertThat(fromBucket.status()).as(fromBucket.raw().body()).isEqualTo(202);
        JsonNode again = awaitStatus(editor, "/api/v1/orgs/" + team.orgId() + "/projects/" + third + "/imports/"
            + fromBucket.body().path("id").asText(), "done");
        assertThat(again.path("imagesCreated").asLong()).isEqualTo(3);
        assertThat(again.path("annotationsCreated").asLong()).isEqualTo(4);
        assertThat(editor.post("/api/v1/orgs/" + team.orgId() + "/projects/" + third + "/imports", Map.of("objectKey", "nope.zip")).code())
            .isEqualTo("object_not_found");
    }

    @Test
    void brokenArchivesFailClearlyAndMissingImagesAreReportedPerItem() throws Exception {
        Teams.Team team = teams.team("Broken imports");
        ApiClient editor = team.editor().api();
        String project = project(editor, team.orgId(), "detection");
        String base = "/api/v1/orgs/" + team.orgId() + "/projects/" + project + "/imports/";
        String coco = "{\"categories\":[{\"id\":1,\"name\":\"car\"}],\"images\":[{\"id\":1,\"file_name\":\"here.png\",\"width\":10,\"height\":10},"
            + "{\"id\":2,\"file_name\":\"missing.png\",\"width\":10,\"height\":10}],\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1,"
            + "\"bbox\":[1,1,5,5]},{\"id\":2,\"image_id\":3,\"category_id\":1,\"bbox\":[1,1,5,5]},{\"id\":3,\"image_id\":1,\"category_id\":9,"
            + "\"bbox\":[1,1,5,5]},{\"id\":4,\"image_id\":1,\"category_id\":1,\"bbox\":[0,0,500,5]}]}";
        byte[] partial = zip(Map.of("annotations/instances.json", coco.getBytes(StandardCharsets.UTF_8),
            "images/here.png", TestImages.png(10, 10, false)));
        JsonNode done = awaitStatus(editor, base + importZip(editor, team.orgId(), project, partial).body().path("id").asText(), "done");
        assertThat(done.path("imagesCreated").asLong()).isEqualTo(1);
        assertThat(done.path("annotationsCreated").asLong()).isEqualTo(1);
        assertThat(done.path("errors").toString()).contains("not in the archive").contains("outside the image");
        assertThat(done.path("errors").size()).isGreaterThanOrEqualTo(3);

        String garbage = "[".repeat(10) + "]".repeat(10);
        JsonNode deep = awaitStatus(editor, base + importZip(editor, team.orgId(), project,
            zip(Map.of("instances.json", ("{\"images\":" + garbage + "}").getBytes(StandardCharsets.UTF_8)))).body().path("id").asText(), "failed");
        assertThat(deep.path("error").asText()).startsWith("The instances JSON is not valid COCO");
        JsonNode notZip = awaitStatus(editor, base + importZip(editor, team.orgId(), project, "plain text".getBytes(StandardCharsets.UTF_8))
            .body().path("id").asText(), "failed");
        assertThat(notZip.path("error").asText()).isNotBlank();
        assertThat(editor.sendBytes("POST", base.substring(0, base.length() - 1), HttpRequest.BodyPublishers.ofString("x"),
            Map.of("Content-Type", "text/plain")).status()).isEqualTo(415);
        assertThat(team.viewer().api().sendBytes("POST", base.substring(0, base.length() - 1), HttpRequest.BodyPublishers.ofByteArray(partial),
            Map.of("Content-Type", "application/zip")).status()).isEqualTo(403);
        // the uploaded archives are removed once read, and counted out of the usage
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(editor.get("/api/v1/orgs/" + team.orgId() + "/usage").body()
            .path("objects").asLong()).isEqualTo(2)); // the one image and its thumbnail
    }
}
