package com.anastig.platform.workspace;

import com.anastig.platform.testing.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small helpers for workspace tests: a project, an upload, a multipart body. */
final class WorkspaceClient {
    private WorkspaceClient() {
    }

    static String project(ApiClient api, String org, String type, String... classes) throws Exception {
        List<Map<String, String>> labelClasses = java.util.Arrays.stream(classes).map(c -> Map.of("name", c)).toList();
        ApiClient.Answer a = api.post("/api/v1/orgs/" + org + "/projects",
            Map.of("name", "P " + UUID.randomUUID(), "type", type, "labelClasses", labelClasses));
        if (a.status() != 201) {
            throw new AssertionError("project: " + a.status() + " " + a.raw().body());
        }
        return a.body().path("id").asText();
    }

    static ApiClient.Answer upload(ApiClient api, String org, String project, byte[] bytes, String type, String filename) throws Exception {
        String q = filename == null ? "" : "?filename=" + java.net.URLEncoder.encode(filename, StandardCharsets.UTF_8);
        return api.sendBytes("POST", "/api/v1/orgs/" + org + "/projects/" + project + "/images" + q,
            HttpRequest.BodyPublishers.ofByteArray(bytes), type == null ? Map.of() : Map.of("Content-Type", type));
    }

    static ApiClient.Answer multipart(ApiClient api, String org, String project, byte[] bytes, String partType, String filename)
        throws Exception {
        String boundary = "----anastig" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\nContent-Type: "
            + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.sendBytes("POST", "/api/v1/orgs/" + org + "/projects/" + project + "/images",
            HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    static ApiClient.Answer putAnnotations(ApiClient api, String path, String etag, Object shapes) throws Exception {
        return api.send("PUT", path + "/annotations", shapes, etag == null ? Map.of() : Map.of("If-Match", etag));
    }

    static String etag(ApiClient.Answer a) {
        return a.raw().headers().firstValue("ETag").orElseThrow();
    }

    static int count(JsonNode items) {
        return items.size();
    }
}
