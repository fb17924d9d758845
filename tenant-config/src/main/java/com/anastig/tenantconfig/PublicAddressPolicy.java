package com.anastig.tenantconfig;

import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.Timeouts;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which addresses a tenant-supplied endpoint may reach, once when the setting is validated
 * and again at every connection ({@link #outboundPolicy}), so a name that later resolves elsewhere is
 * still refused. A host is refused as a whole when any of its addresses is not public
 * ({@link AddressRules}), unless the operator allow-listed that exact scheme, host and port.
 */
public final class PublicAddressPolicy {

    /** The outcome for one host: allowed (with the addresses to pin), or why not. */
    public record HostCheck(Status status, List<InetAddress> addresses, String reason) {
        public HostCheck {
            addresses = List.copyOf(addresses);
        }

        public boolean allowed() {
            return status == Status.ALLOWED || status == Status.ALLOW_LISTED;
        }
    }

    public enum Status { ALLOWED, ALLOW_LISTED, UNRESOLVABLE, NOT_ALLOWED }

    private final OutboundAllowList allowList;
    private final Set<Origin> allowed;
    private final HostResolver resolver;

    public PublicAddressPolicy(OutboundAllowList allowList, HostResolver resolver) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.allowed = allowList.origins();
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The policy with the JVM's DNS resolver. */
    public static PublicAddressPolicy withSystemResolver(OutboundAllowList allowList) {
        return new PublicAddressPolicy(allowList, HostResolver.system());
    }

    public OutboundAllowList allowList() {
        return allowList;
    }

    public boolean isAllowListed(String scheme, String host, int port) {
        return allowed.contains(new Origin(scheme, host, port));
    }

    /** Whether plain http may be used for this origin. */
    public boolean allowsHttp(String host, int port) {
        return allowList.allowHttp() || isAllowListed("http", host, port);
    }

    /** Resolves the host (IP literals without a lookup) and checks every address it yields. */
    public HostCheck check(String scheme, String host, int port) {
        boolean listed = isAllowListed(scheme, host, port);
        List<InetAddress> addresses;
        try {
            addresses = resolve(host);
        } catch (UnknownHostException | RuntimeException e) {
            return new HostCheck(Status.UNRESOLVABLE, List.of(), "host does not resolve");
        }
        if (addresses.isEmpty()) {
            return new HostCheck(Status.UNRESOLVABLE, List.of(), "host does not resolve");
        }
        if (listed) {
            return new HostCheck(Status.ALLOW_LISTED, addresses, "allow-listed by the operator");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = AddressRules.refusal(address);
            if (refusal.isPresent()) {
                return new HostCheck(Status.NOT_ALLOWED, List.of(), "host resolves to a non-public address (" + refusal.get() + ")");
            }
        }
        return new HostCheck(Status.ALLOWED, addresses, "public addresses only");
    }

    /**
     * The policy a provider instance for an endpoint with this scheme and port must connect through:
     * {@code resolve(host)} returns the addresses to pin, or throws {@code DENIED} (a non-public
     * address) or {@code UNAVAILABLE} (no address).
     */
    public OutboundPolicy outboundPolicy(String scheme, int port, Timeouts timeouts) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(timeouts, "timeouts");
        return new OutboundPolicy() {
            @Override
            public List<InetAddress> resolve(String host) {
                HostCheck check = check(scheme, host, port);
                return switch (check.status()) {
                    case ALLOWED, ALLOW_LISTED -> check.addresses();
                    case UNRESOLVABLE -> throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "host does not resolve: " + host);
                    case NOT_ALLOWED -> throw new ProviderException(ProviderException.Kind.DENIED,
                            "endpoint not allowed: " + host + " " + check.reason());
                };
            }

            @Override
            public Timeouts timeouts() {
                return timeouts;
            }
        };
    }

    /** {@link #outboundPolicy(String, int, Timeouts)} for the scheme and (default) port of an endpoint URL. */
    public OutboundPolicy outboundPolicyFor(URI endpoint, Timeouts timeouts) {
        String scheme = Objects.requireNonNull(endpoint.getScheme(), "endpoint scheme");
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : Origin.defaultPort(scheme);
        return outboundPolicy(scheme, port, timeouts);
    }

    private List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = (host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host)
                .toLowerCase(Locale.ROOT);
        if (HostSyntax.isIpv4Literal(bare) || HostSyntax.isIpv6Literal(bare)) {
            return List.of(InetAddress.getByName(bare));
        }
        List<InetAddress> resolved = resolver.resolve(bare);
        return resolved == null ? List.of() : resolved;
    }
}
