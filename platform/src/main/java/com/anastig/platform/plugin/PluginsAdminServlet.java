package com.anastig.platform.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /plugins} on the admin port: every plugin found with its state, what it provides, its
 * file, SHA-256 and problem. The admin port binds 127.0.0.1 by default; the operators' API
 * ({@code /api/v1/admin/plugins}) serves the same listing to signed-in operators.
 */
public final class PluginsAdminServlet extends HttpServlet {
    private final transient PluginHost host;
    private final transient ObjectMapper mapper;

    public PluginsAdminServlet(PluginHost host, ObjectMapper mapper) {
        this.host = host;
        this.mapper = mapper;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Map<String, Object>> items = host.plugins().stream().map(PluginsAdminServlet::toJson).toList();
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        mapper.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), Map.of("items", items));
    }

    static Map<String, Object> toJson(PluginInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("version", p.version());
        m.put("state", p.state());
        m.put("provides", p.provides());
        m.put("file", p.file().getFileName().toString());
        m.put("sha256", p.sha256());
        m.put("requires", p.requires());
        m.put("problem", p.problem());
        return m;
    }
}
