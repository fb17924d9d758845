package com.anastig.plugin.mail.resend;

import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.testkit.mail.ReceivedMail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fake of the Resend HTTP API on 127.0.0.1: {@code POST /emails} and {@code GET /domains}
 * with Resend's answers and error shapes. Special API keys provoke the error paths; requests under
 * {@code /moved} answer a redirect.
 */
final class ResendFake implements AutoCloseable {
    static final String KEY = "re_test_123456789";
    static final String SENDING_ONLY = "re_sending_only_123";
    static final String RATE_LIMITED = "re_rate_limited_123";
    static final String BROKEN = "re_broken_123";
    private static final Pattern NAMED = Pattern.compile("^(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^<\"]*?))\\s*<([^>]+)>$");

    /** One request as the fake received it. */
    record Request(String method, String path, Map<String, String> headers, JsonNode json, String id) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Request> sent = new ConcurrentHashMap<>();

    ResendFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Optional<Request> sent(String id) {
        return Optional.ofNullable(sent.get(id));
    }

    /** What the fake received under this id, in the contract's terms. */
    Optional<ReceivedMail> received(String id) {
        return sent(id).map(r -> {
            JsonNode json = r.json();
            List<MailAddress> to = new ArrayList<>();
            json.get("to").forEach(n -> to.add(address(n.asText())));
            JsonNode replyTo = json.get("reply_to");
            MailAddress reply = replyTo == null || replyTo.isNull() ? null
                : address(replyTo.isArray() ? replyTo.get(0).asText() : replyTo.asText());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            JsonNode extra = json.get("headers");
            if (extra != null && !extra.isNull()) {
                extra.fields().forEachRemaining(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
            }
            return new ReceivedMail(r.id(), address(json.get("from").asText()), to, reply, json.get("subject").asText(),
                null, null, text(json, "text"), text(json, "html"), headers);
        });
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    static MailAddress address(String value) {
        Matcher m = NAMED.matcher(value.trim());
        if (!m.matches()) {
            return MailAddress.of(value.trim());
        }
        String name = m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2).trim();
        return new MailAddress(m.group(3), name);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode json = body.length == 0 ? null : mapper.readTree(body);
            String auth = headers.get("authorization");
            if (path.startsWith("/moved/")) {
                exchange.getResponseHeaders().add("Location", baseUrl() + path.substring("/moved".length()));
                record(method, path, headers, json, null);
                answer(exchange, 307, "{}");
                return;
            }
            if (auth == null || !auth.startsWith("Bearer ")) {
                record(method, path, headers, json, null);
                answer(exchange, 401, error(401, "missing_api_key", "Missing API key in the authorization header"));
                return;
            }
            String key = auth.substring("Bearer ".length());
            String id = null;
            int status;
            String answer;
            if (RATE_LIMITED.equals(key)) {
                status = 429;
                answer = error(429, "rate_limit_exceeded", "Too many requests");
            } else if (BROKEN.equals(key)) {
                status = 500;
                answer = error(500, "application_error", "An unexpected error occurred");
            } else if (!KEY.equals(key) && !SENDING_ONLY.equals(key)) {
                status = 403;
                answer = error(403, "invalid_api_key", "API key is invalid");
            } else if ("GET".equals(method) && "/domains".equals(path)) {
                status = SENDING_ONLY.equals(key) ? 401 : 200;
                answer = SENDING_ONLY.equals(key)
                    ? error(401, "restricted_api_key", "This API key is restricted to only send emails")
                    : "{\"object\":\"list\",\"has_more\":false,\"data\":[]}";
            } else if ("POST".equals(method) && "/emails".equals(path)) {
                if (json == null || !json.hasNonNull("from") || !json.path("to").isArray() || !json.hasNonNull("subject")
                    || !(json.hasNonNull("text") || json.hasNonNull("html"))) {
                    status = 422;
                    answer = error(422, "validation_error", "Missing required fields");
                } else {
                    id = UUID.randomUUID().toString();
                    status = 200;
                    answer = "{\"id\":\"" + id + "\"}";
                }
            } else {
                status = 404;
                answer = error(404, "not_found", "The requested endpoint does not exist");
            }
            Request request = record(method, path, headers, json, id);
            if (id != null) {
                sent.put(id, request);
            }
            answer(exchange, status, answer);
        }
    }

    private Request record(String method, String path, Map<String, String> headers, JsonNode json, String id) {
        Request request = new Request(method, path, Map.copyOf(headers), json, id);
        requests.add(request);
        return request;
    }

    private static String error(int status, String name, String message) {
        return "{\"statusCode\":" + status + ",\"name\":\"" + name + "\",\"message\":\"" + message + "\"}";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
