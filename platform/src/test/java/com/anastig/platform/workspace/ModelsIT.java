package com.anastig.platform.workspace;

import static com.anastig.platform.workspace.WorkspaceClient.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.image.TestImages;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.anastig.platform.testing.Teams;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The model registry: metadata, metrics, an artifact streamed in and out (replaced without losing the old on failure), limits, deletes. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ModelsIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB,
        Map.<String, Supplier<String>>of("workspace.maxArtifactSize", () -> "12 MiB"));
    private final Teams teams = new Teams(APP);

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void aModelKeepsItsMetricsAndItsArtifactStreamsInAndOut() throws Exception {
        Teams.Team team = teams.team("Models");
        ApiClient editor = team.editor().api();
        String project = project(editor, team.orgId(), "detection", "car");
        String base = "/api/v1/orgs/" + team.orgId() + "/projects/" + project + "/models";
        ApiClient.Answer created = editor.post(base, Map.of("name", "yolo-s", "framework", "pytorch",
            "metrics", Map.of("mAP50", 0.61, "epochs", 40)));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.body().path("metrics").path("mAP50").asDouble()).isEqualTo(0.61);
        assertThat(created.body().path("artifact").isNull() || created.body().path("artifact").isMissingNode()).isTrue();
        String model = base + "/" + created.body().path("id").asText();
        assertThat(editor.post(base, Map.of("name", "x", "framework", "pytorch", "metrics", java.util.List.of(1))).status()).isEqualTo(400);
        assertThat(editor.post(base, Map.of("name", "", "framework", "pytorch")).status()).isEqualTo(400);
        assertThat(team.viewer().api().post(base, Map.of("name", "v", "framework", "f")).status()).isEqualTo(403);
        assertThat(editor.getBytes(model + "/artifact", Map.of()).statusCode()).isEqualTo(404);

        byte[] weights = random(9 * 1024 * 1024 + 17);
        ApiClient.Answer up = editor.sendBytes("PUT", model + "/artifact?filename=best%0d%0a.pt", HttpRequest.BodyPublishers.ofByteArray(weights),
            Map.of("Content-Type", "application/octet-stream"));
        assertThat(up.status()).as(up.raw().body()).isEqualTo(200);
        assertThat(up.body().path("artifact").path("sizeBytes").asLong()).isEqualTo(weights.length);
        assertThat(up.body().path("artifact").path("sha256").asText()).isEqualTo(TestImages.sha256(weights));
        assertThat(up.body().path("artifact").path("filename").asText()).isEqualTo("best.pt");
        HttpResponse<byte[]> down = team.viewer().api().getBytes(model + "/artifact", Map.of());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo(weights);
        assertThat(down.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"best.pt\"");
        HttpResponse<byte[]> tail = team.viewer().api().getBytes(model + "/artifact", Map.of("Range", "bytes=100-199"));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(weights, 100, 200));
        String usage = "/api/v1/orgs/" + team.orgId() + "/usage";
        assertThat(editor.get(usage).body().path("storageBytes").asLong()).isEqualTo(weights.length);

        // too large: refused, the earlier artifact kept
        ApiClient.Answer big = editor.sendBytes("PUT", model + "/artifact", HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(random(13 * 1024 * 1024))), Map.of("Content-Type", "application/octet-stream"));
        assertThat(big.status()).isEqualTo(413);
        assertThat(editor.getBytes(model + "/artifact", Map.of()).body()).isEqualTo(weights);

        // replaced: the new bytes served, the old object removed, usage follows
        byte[] second = random(1000);
        assertThat(editor.sendBytes("PUT", model + "/artifact", HttpRequest.BodyPublishers.ofByteArray(second),
            Map.of("Content-Type", "application/octet-stream")).status()).isEqualTo(200);
        assertThat(editor.getBytes(model + "/artifact", Map.of()).body()).isEqualTo(second);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(editor.get(usage).body().path("storageBytes").asLong())
            .isEqualTo(second.length));

        assertThat(editor.get(base).body().path("items")).hasSize(1);
        assertThat(editor.send("DELETE", model, null, Map.of()).status()).isEqualTo(204);
        assertThat(editor.get(model).status()).isEqualTo(404);
        assertThat(editor.get(usage).body().path("storageBytes").asLong()).isZero();
    }
}
