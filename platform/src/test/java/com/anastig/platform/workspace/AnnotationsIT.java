package com.anastig.platform.workspace;

import static com.anastig.platform.workspace.WorkspaceClient.etag;
import static com.anastig.platform.workspace.WorkspaceClient.project;
import static com.anastig.platform.workspace.WorkspaceClient.putAnnotations;
import static com.anastig.platform.workspace.WorkspaceClient.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.image.TestImages;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.anastig.platform.testing.Teams;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Annotations: shapes checked against the image and the classes, saved whole under If-Match, audited by count only; list filters. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AnnotationsIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);
    private final Teams teams = new Teams(APP);

    @Test
    void shapesAreSavedWholeUnderIfMatchAndAStaleWriteIs412() throws Exception {
        Teams.Team team = teams.team("Annotate");
        ApiClient editor = team.editor().api();
        String project = project(editor, team.orgId(), "segmentation", "car", "road");
        String image = upload(editor, team.orgId(), project, TestImages.png(100, 50, false), "image/png", null).body().path("id").asText();
        String path = "/api/v1/orgs/" + team.orgId() + "/projects/" + project + "/images/" + image;

        ApiClient.Answer empty = editor.get(path + "/annotations");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        String v0 = etag(empty);
        List<Map<String, Object>> shapes = List.of(
            Map.of("labelClass", "car", "type", "bbox", "bbox", List.of(0, 0, 100, 50)),
            Map.of("labelClass", "road", "type", "polygon", "points", List.of(List.of(0, 0), List.of(100, 0), List.of(50.5, 49.9))),
            Map.of("labelClass", "car", "type", "tag"));
        assertThat(putAnnotations(editor, path, null, shapes).status()).isEqualTo(428);
        ApiClient.Answer saved = putAnnotations(editor, path, v0, shapes);
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        assertThat(saved.body()).hasSize(3);
        String v1 = etag(saved);
        assertThat(v1).isNotEqualTo(v0);
        assertThat(etag(editor.get(path + "/annotations"))).isEqualTo(v1);
        JsonNode read = editor.get(path + "/annotations").body();
        assertThat(read.get(1).path("points").get(2).get(0).asDouble()).isEqualTo(50.5);
        assertThat(read.get(0).path("labelClassName").asText()).isEqualTo("car");

        // someone else saved meanwhile: the write based on v0 is refused and changes nothing
        ApiClient.Answer stale = putAnnotations(team.owner().api(), path, v0, List.of());
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("stale_annotations");
        assertThat(editor.get(path + "/annotations").body()).hasSize(3);
        assertThat(putAnnotations(team.viewer().api(), path, v1, List.of()).status()).isEqualTo(403);
        assertThat(editor.get(path).body().path("shapeCount").asInt()).isEqualTo(3);

        // audited with counts, never the shapes
        JsonNode events = team.owner().api().get("/api/v1/orgs/" + team.orgId() + "/audit-events").body().path("items");
        JsonNode event = null;
        for (JsonNode e : events) {
            if (e.path("action").asText().equals("annotations.saved")) {
                event = e;
            }
        }
        assertThat(event).as(events.toString()).isNotNull();
        assertThat(event.toString()).contains("\"shapes\":3").doesNotContain("50.5").doesNotContain("polygon");
    }

    @Test
    void badShapesAre422WithTheFieldAndChangeNothing() throws Exception {
        Teams.Team team = teams.team("Bad shapes");
        ApiClient editor = team.editor().api();
        String project = project(editor, team.orgId(), "detection", "car");
        String image = upload(editor, team.orgId(), project, TestImages.png(100, 50, false), "image/png", null).body().path("id").asText();
        String path = "/api/v1/orgs/" + team.orgId() + "/projects/" + project + "/images/" + image;
        // 100,000 points, written compactly so the body stays under the 1 MiB JSON cap and reaches the shape check
        List<int[]> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(new int[] {i % 10, i % 5});
        }
        Map<String, Object> cases = new java.util.LinkedHashMap<>();
        cases.put("outside", List.of(Map.of("labelClass", "car", "type", "bbox", "bbox", List.of(90, 0, 20, 10))));
        cases.put("negative", List.of(Map.of("labelClass", "car", "type", "bbox", "bbox", List.of(-1, 0, 20, 10))));
        cases.put("NaN", "[{\"labelClass\":\"car\",\"type\":\"bbox\",\"bbox\":[\"NaN\",0,10,10]}]");
        cases.put("unknown class", List.of(Map.of("labelClass", "bus", "type", "bbox", "bbox", List.of(0, 0, 10, 10))));
        cases.put("polygon outside", List.of(Map.of("labelClass", "car", "type", "polygon", "points", List.of(List.of(0, 0), List.of(101, 0),
            List.of(5, 5)))));
        cases.put("two points", List.of(Map.of("labelClass", "car", "type", "polygon", "points", List.of(List.of(0, 0), List.of(1, 0)))));
        cases.put("100000 points", List.of(Map.of("labelClass", "car", "type", "polygon", "points", many)));
        cases.put("unknown type", List.of(Map.of("labelClass", "car", "type", "circle")));
        for (Map.Entry<String, Object> c : cases.entrySet()) {
            ApiClient.Answer a = putAnnotations(editor, path, "*", c.getValue());
            assertThat(a.status()).as(c.getKey() + ": " + a.raw().body()).isEqualTo(422);
            assertThat(a.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(a.code()).isEqualTo("invalid_annotations");
            assertThat(a.body().path("errors")).as(c.getKey()).isNotEmpty();
        }
        assertThat(putAnnotations(editor, path, "*", "{\"not\":\"a list\"}").status()).isEqualTo(400);
        assertThat(editor.get(path + "/annotations").body()).isEmpty();
        assertThat(etag(editor.get(path + "/annotations"))).isEqualTo("\"0\"");
    }

    @Test
    void theImageListPagesAndFiltersByAnnotatedAndLabelClass() throws Exception {
        Teams.Team team = teams.team("Filters");
        ApiClient editor = team.editor().api();
        String project = project(editor, team.orgId(), "detection", "car", "person");
        String base = "/api/v1/orgs/" + team.orgId() + "/projects/" + project + "/images";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(upload(editor, team.orgId(), project, TestImages.png(20 + i, 20, false), "image/png", null).body().path("id").asText());
        }
        putAnnotations(editor, base + "/" + ids.get(1), "*", List.of(Map.of("labelClass", "car", "type", "bbox", "bbox", List.of(0, 0, 5, 5))));
        putAnnotations(editor, base + "/" + ids.get(3), "*", List.of(Map.of("labelClass", "person", "type", "tag")));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = editor.get(base + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).body();
            page.path("items").forEach(i -> seen.add(i.path("id").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(ids(editor.get(base + "?annotated=true").body())).containsExactly(ids.get(1), ids.get(3));
        assertThat(ids(editor.get(base + "?annotated=false").body())).containsExactly(ids.get(0), ids.get(2), ids.get(4));
        assertThat(ids(editor.get(base + "?labelClass=person").body())).containsExactly(ids.get(3));
        assertThat(editor.get(base + "?labelClass=bus").status()).isEqualTo(400);
        assertThat(editor.get(base + "?annotated=maybe").status()).isEqualTo(400);
        assertThat(editor.get(base + "?cursor=not-a-cursor!").status()).isEqualTo(400);
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("id").asText()));
        return out;
    }
}
