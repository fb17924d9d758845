package com.anastig.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A small browser-like client for integration tests: keeps the session cookie it is given and can
 * send the CSRF token, over a real HTTP connection to the running application.
 */
public final class ApiClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private String cookie;
    private String csrf;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** An answer: status, headers and the body parsed as JSON (or null). */
    public record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        public String code() {
            return body == null ? null : body.path("code").asText(null);
        }
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, Map.of());
    }

    public Answer post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body, Map.of());
    }

    public Answer send(String method, String path, Object body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        String payload = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
        b.method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
        if (payload != null && !headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null && !method.equals("GET")) {
            b.header("X-CSRF-Token", csrf);
        }
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        r.headers().allValues("Set-Cookie").stream().filter(c -> c.contains("anastig_session=")).findFirst().ifPresent(c -> {
            String pair = c.substring(0, c.indexOf(';'));
            cookie = pair.endsWith("=") ? null : pair;
        });
        boolean isJson = r.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(true);
        JsonNode parsed = r.body() == null || r.body().isBlank() || !isJson ? null : json.readTree(r.body());
        return new Answer(r.statusCode(), r, parsed);
    }

    /** Sends bytes (an upload) with the session and CSRF token; {@code headers} should name the Content-Type. */
    public Answer sendBytes(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers)
        throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null && !method.equals("GET")) {
            b.header("X-CSRF-Token", csrf);
        }
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = r.body() == null || r.body().isBlank() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
            ? null : json.readTree(r.body());
        return new Answer(r.statusCode(), r, parsed);
    }

    /** A GET answered as bytes (downloads). */
    public HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Uses the session's CSRF token (from GET /api/v1/session) on unsafe requests from now on. */
    public ApiClient withCsrf() throws IOException, InterruptedException {
        Answer s = get("/api/v1/session");
        csrf = s.body().path("csrfToken").asText();
        return this;
    }

    public void forgetCsrf() {
        csrf = null;
    }

    public String cookie() {
        return cookie;
    }

    public void cookie(String value) {
        cookie = value;
    }
}
