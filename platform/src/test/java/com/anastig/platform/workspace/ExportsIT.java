package com.anastig.platform.workspace;

import static com.anastig.platform.workspace.WorkspaceClient.project;
import static com.anastig.platform.workspace.WorkspaceClient.putAnnotations;
import static com.anastig.platform.workspace.WorkspaceClient.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.dataset.CocoExportTest;
import com.anastig.platform.image.TestImages;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.anastig.platform.testing.Teams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;

/**
 * Exports end to end: started, followed to done, downloaded through the platform link, and read back
 * as COCO (schema and references), YOLO (line format, data.yaml) and Pascal VOC (XML in pixels);
 * tags in labels.csv, images inside when asked; an empty project; a job left running by a dead node
 * is taken over; the ZIP is removed when its link expires.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ExportsIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB,
        Map.<String, Supplier<String>>of("workspace.exportLinkExpiry", () -> "20 seconds", "jobs.lease", () -> "3 seconds"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BOX = Pattern.compile("^\\d+( (0|1)\\.\\d{6}){4}$");
    private final Teams teams = new Teams(APP);

    record Dataset(Teams.Team team, String project, byte[] first) {
        String base() {
            return "/api/v1/orgs/" + team.orgId() + "/projects/" + project;
        }
    }

    private Dataset dataset(String name) throws Exception {
        Teams.Team team = teams.team(name);
        ApiClient editor = team.editor().api();
        String project = project(editor, team.orgId(), "detection", "car", "person & <friends>");
        String base = "/api/v1/orgs/" + team.orgId() + "/projects/" + project + "/images";
        byte[] first = TestImages.png(200, 100, false);
        String a = upload(editor, team.orgId(), project, first, "image/png", "street one.png").body().path("id").asText();
        String b = upload(editor, team.orgId(), project, TestImages.jpeg(64, 64, false), "image/jpeg", "../b.jpg").body().path("id").asText();
        upload(editor, team.orgId(), project, TestImages.png(10, 10, false), "image/png", "empty.png");
        assertThat(putAnnotations(editor, base + "/" + a, "*", List.of(
            Map.of("labelClass", "car", "type", "bbox", "bbox", List.of(10, 20, 50, 40)),
            Map.of("labelClass", "person & <friends>", "type", "polygon", "points", List.of(List.of(0, 0), List.of(100, 0), List.of(50, 80))))
        ).status()).isEqualTo(200);
        assertThat(putAnnotations(editor, base + "/" + b, "*", List.of(Map.of("labelClass", "car", "type", "tag"))).status()).isEqualTo(200);
        return new Dataset(team, project, first);
    }

    private JsonNode finished(ApiClient api, String base, JsonNode started) {
        String path = base + "/exports/" + started.path("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String s = api.get(path).body().path("status").asText();
            assertThat(s).isNotEqualTo("failed");
            return s.equals("done");
        });
        return unchecked(() -> api.get(path).body());
    }

    private Map<String, byte[]> download(ApiClient api, JsonNode export) throws Exception {
        URI link = URI.create(export.path("downloadUrl").asText());
        assertThat(link.getPath()).endsWith("/exports/" + export.path("id").asText() + "/download");
        assertThat(link.getQuery()).isNull();
        HttpResponse<byte[]> zip = api.getBytes(link.getPath(), Map.of());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=");
        assertThat(zip.body().length).isEqualTo(export.path("sizeBytes").asLong());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void cocoYoloAndVocExportsAreReadableByTheirUsualReaders() throws Exception {
        Dataset d = dataset("Exports");
        ApiClient viewer = d.team().viewer().api();
        ApiClient editor = d.team().editor().api();
        assertThat(viewer.post(d.base() + "/exports", Map.of("format", "coco")).status()).isEqualTo(403);
        assertThat(editor.post(d.base() + "/exports", Map.of("format", "csv")).status()).isEqualTo(400);

        ApiClient.Answer started = editor.post(d.base() + "/exports", Map.of("format", "coco"));
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().path("status").asText()).isIn("queued", "running");
        JsonNode coco = finished(viewer, d.base(), started.body());
        assertThat(coco.path("progress").path("done").asLong()).isEqualTo(coco.path("progress").path("total").asLong()).isPositive();
        Map<String, byte[]> files = download(viewer, coco);
        JsonNode instances = JSON.readTree(files.get("annotations/instances.json"));
        CocoExportTest.assertValidCoco(instances);
        assertThat(instances.path("images")).hasSize(3);
        assertThat(instances.path("annotations")).hasSize(2);
        assertThat(instances.path("categories")).hasSize(2);
        assertThat(new String(files.get("labels.csv"), StandardCharsets.UTF_8)).contains(",car");

        JsonNode yolo = finished(viewer, d.base(), editor.post(d.base() + "/exports", Map.of("format", "yolo", "includeImages", true)).body());
        Map<String, byte[]> yoloFiles = download(viewer, yolo);
        JsonNode yaml = new YAMLMapper().readTree(yoloFiles.get("data.yaml"));
        assertThat(yaml.path("nc").asInt()).isEqualTo(2);
        assertThat(yaml.path("names").get(1).asText()).isEqualTo("person & <friends>");
        long boxes = 0;
        for (Map.Entry<String, byte[]> e : yoloFiles.entrySet()) {
            if (e.getKey().startsWith("labels/")) {
                for (String line : new String(e.getValue(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && line.split(" ").length == 5) {
                        assertThat(line).matches(BOX);
                        boxes++;
                    }
                }
            }
        }
        assertThat(boxes).isEqualTo(1);
        assertThat(yoloFiles.keySet().stream().filter(k -> k.startsWith("images/"))).hasSize(3);
        assertThat(yoloFiles.entrySet().stream().filter(e -> e.getKey().startsWith("images/"))
            .anyMatch(e -> java.util.Arrays.equals(e.getValue(), d.first()))).isTrue();

        JsonNode voc = finished(viewer, d.base(), editor.post(d.base() + "/exports", Map.of("format", "voc")).body());
        int objects = 0;
        for (Map.Entry<String, byte[]> e : download(viewer, voc).entrySet()) {
            if (e.getKey().startsWith("Annotations/")) {
                Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(e.getValue()));
                assertThat(xml.getElementsByTagName("size").getLength()).isEqualTo(1);
                int width = Integer.parseInt(xml.getElementsByTagName("width").item(0).getTextContent());
                for (int i = 0; i < xml.getElementsByTagName("object").getLength(); i++) {
                    objects++;
                    int xmax = (int) Double.parseDouble(xml.getElementsByTagName("xmax").item(i).getTextContent());
                    assertThat(xmax).isBetween(1, width);
                }
            }
        }
        assertThat(objects).isEqualTo(2);
        assertThat(viewer.get(d.base() + "/exports").body().path("items")).hasSize(3);
        assertThat(viewer.get("/api/v1/orgs/" + d.team().orgId() + "/usage").body().path("exports").asLong()).isEqualTo(3);
    }

    @Test
    void anEmptyProjectExportsAValidEmptyDatasetAndTheZipGoesWhenTheLinkExpires() throws Exception {
        Teams.Team team = teams.team("Empty export");
        String project = project(team.editor().api(), team.orgId(), "detection", "car");
        String base = "/api/v1/orgs/" + team.orgId() + "/projects/" + project;
        JsonNode done = finished(team.viewer().api(), base, team.editor().api().post(base + "/exports", Map.of("format", "coco")).body());
        JsonNode instances = JSON.readTree(download(team.viewer().api(), done).get("annotations/instances.json"));
        assertThat(instances.path("images")).isEmpty();
        assertThat(instances.path("annotations")).isEmpty();
        String usage = "/api/v1/orgs/" + team.orgId() + "/usage";
        assertThat(team.viewer().api().get(usage).body().path("storageBytes").asLong()).isPositive();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ApiClient.Answer gone = team.viewer().api().get(base + "/exports/" + done.path("id").asText() + "/download");
            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.code()).isEqualTo("export_expired");
        });
        JsonNode expired = team.viewer().api().get(base + "/exports/" + done.path("id").asText()).body();
        assertThat(expired.path("expired").asBoolean()).isTrue();
        assertThat(expired.path("downloadUrl").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(team.viewer().api().get(usage).body().path("storageBytes")
            .asLong()).isZero());
    }

    @Test
    void anExportLeftRunningByADeadNodeIsTakenOverAndFinished() throws Exception {
        Dataset d = dataset("Dead node");
        UUID export = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        Jdbi.create(DB.asSuperuser()).useTransaction(h -> {
            h.createUpdate("INSERT INTO job (id, org_id, kind, subject_id, status, attempts, run_after, lease_owner, lease_until, fence, created_at,"
                    + " updated_at) VALUES (:id, CAST(:org AS uuid), 'workspace.export', :export, 'running', 1, now(), 'dead-node',"
                    + " now() + interval '2 seconds', 7, now(), now())")
                .bind("id", job).bind("org", d.team().orgId()).bind("export", export).execute();
            h.createUpdate("INSERT INTO dataset_export (id, org_id, project_id, job_id, format, include_images, status, done, total, created_at)"
                    + " VALUES (:id, CAST(:org AS uuid), CAST(:p AS uuid), :job, 'coco', false, 'running', 2, 9, now())")
                .bind("id", export).bind("org", d.team().orgId()).bind("p", d.project()).bind("job", job).execute();
        });
        JsonNode done = finished(d.team().viewer().api(), d.base(), JSON.createObjectNode().put("id", export.toString()));
        CocoExportTest.assertValidCoco(JSON.readTree(download(d.team().viewer().api(), done).get("annotations/instances.json")));
        long fence = Jdbi.create(DB.asSuperuser()).withHandle(h -> h.createQuery("SELECT fence FROM job WHERE id = :id").bind("id", job)
            .mapTo(Long.class).one());
        assertThat(fence).as("claimed anew, with a higher fence").isGreaterThan(7);
    }

    private interface Call<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return call.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
