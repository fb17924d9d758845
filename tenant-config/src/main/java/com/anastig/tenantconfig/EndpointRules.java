package com.anastig.tenantconfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules for a tenant-supplied endpoint URL: an absolute http(s) URL with no credentials, query,
 * fragment or path; https unless the operator allows http; and a host whose every address is public
 * unless the operator allow-listed that scheme, host and port ({@link PublicAddressPolicy}).
 */
public final class EndpointRules {
    static final int MAX_LENGTH = 2048;

    private final PublicAddressPolicy policy;

    public EndpointRules(PublicAddressPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Every problem with the endpoint, reported under {@code field}; empty when it may be used. */
    public List<FieldProblem> check(String field, String endpoint) {
        List<FieldProblem> problems = new ArrayList<>();
        if (endpoint == null || endpoint.isEmpty()) {
            problems.add(new FieldProblem(field, "required", "the endpoint URL is required"));
            return problems;
        }
        if (endpoint.length() > MAX_LENGTH) {
            problems.add(invalid(field, "the endpoint URL is longer than " + MAX_LENGTH + " characters"));
            return problems;
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            problems.add(invalid(field, "the endpoint is not a valid URL"));
            return problems;
        }
        String scheme = uri.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            problems.add(invalid(field, "the endpoint must be an absolute URL starting with https://"));
            return problems;
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            problems.add(new FieldProblem(field, "endpoint_has_credentials", "put credentials in the key fields, not in the URL"));
        }
        if (uri.getRawQuery() != null) {
            problems.add(new FieldProblem(field, "endpoint_has_query", "the endpoint URL must not have a query"));
        }
        if (uri.getRawFragment() != null) {
            problems.add(new FieldProblem(field, "endpoint_has_fragment", "the endpoint URL must not have a fragment"));
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            problems.add(new FieldProblem(field, "endpoint_has_path", "the endpoint URL must not have a path; name the bucket in bucket"));
        }
        String host = uri.getHost();
        if (host == null) {
            problems.add(invalid(field, "the endpoint URL has no valid host"));
            return problems;
        }
        String hostProblem = hostProblem(host);
        if (hostProblem != null) {
            problems.add(invalid(field, hostProblem));
            return problems;
        }
        int port = uri.getPort() == -1 ? Origin.defaultPort(scheme) : uri.getPort();
        if (port < 1 || port > 65535) {
            problems.add(invalid(field, "the endpoint port must be between 1 and 65535"));
            return problems;
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        PublicAddressPolicy.HostCheck check = policy.check(scheme, host, port);
        if (scheme.equals("http") && !policy.allowsHttp(host, port)) {
            // a plain-http endpoint at a non-public address is refused for the address, the graver reason
            problems.add(check.status() == PublicAddressPolicy.Status.NOT_ALLOWED
                ? new FieldProblem(field, "endpoint_not_allowed", "the endpoint must resolve to public addresses only: " + check.reason())
                : new FieldProblem(field, "endpoint_insecure", "the endpoint must use https"));
            return problems;
        }
        switch (check.status()) {
            case UNRESOLVABLE -> problems.add(new FieldProblem(field, "endpoint_unresolvable", "the endpoint host does not resolve"));
            case NOT_ALLOWED -> problems.add(new FieldProblem(field, "endpoint_not_allowed",
                    "the endpoint must resolve to public addresses only: " + check.reason()));
            default -> {
            }
        }
        return problems;
    }

    private static String hostProblem(String host) {
        if (host.startsWith("[")) {
            String inner = host.substring(1, host.length() - 1);
            return inner.contains("%") || !HostSyntax.isIpv6Literal(inner) ? "the endpoint host is not a valid IPv6 address" : null;
        }
        if (HostSyntax.isIpv4Literal(host)) {
            return null;
        }
        return HostSyntax.nameProblem(host);
    }

    private static FieldProblem invalid(String field, String message) {
        return new FieldProblem(field, "invalid_endpoint", message);
    }
}
