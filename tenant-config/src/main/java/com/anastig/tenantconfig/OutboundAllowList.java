package com.anastig.tenantconfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's exceptions to the endpoint rules (a configuration section). Each entry is exactly
 * {@code scheme://host:port}, for example {@code http://127.0.0.1:9000} for a local MinIO: an endpoint
 * with that scheme, host and port skips the address rules and may use http. {@code allowHttp} lets
 * every other endpoint use plain http too (off by default; the address rules still apply).
 */
public record OutboundAllowList(@JsonProperty("entries") List<String> entries,
                                @JsonProperty("allowHttp") boolean allowHttp) {

    public OutboundAllowList {
        entries = entries == null ? List.of() : List.copyOf(entries);
        entries.forEach(OutboundAllowList::parseEntry);
    }

    /** No exceptions: https to public addresses only. */
    public static OutboundAllowList none() {
        return new OutboundAllowList(List.of(), false);
    }

    public Set<Origin> origins() {
        return entries.stream().map(OutboundAllowList::parseEntry).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(Origin origin) {
        return origins().contains(origin);
    }

    static Origin parseEntry(String entry) {
        URI uri;
        try {
            uri = new URI(entry);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("allow-list entry is not scheme://host:port: " + entry);
        }
        boolean exact = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null && uri.getPort() > 0 && uri.getRawUserInfo() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (!exact) {
            throw new IllegalArgumentException("allow-list entry must be exactly scheme://host:port (http or https, port given): " + entry);
        }
        return new Origin(uri.getScheme(), uri.getHost(), uri.getPort());
    }
}
