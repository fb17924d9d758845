package com.anastig.plugin.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a provider must use for every outbound connection it makes. The host decides which addresses
 * a host name may resolve to (a tenant's endpoint must not reach private or metadata addresses), and
 * the provider connects only to the addresses {@link #resolve} returned, so a name cannot be
 * re-resolved to another address between the check and the connection (DNS pinning). Redirects are
 * never followed.
 */
public interface OutboundPolicy {

    /**
     * Resolves a host name to the addresses the provider may connect to.
     *
     * @throws ProviderException {@code DENIED} when every address is refused by the policy,
     *                           {@code UNAVAILABLE} when the name does not resolve
     */
    List<InetAddress> resolve(String host);

    Timeouts timeouts();

    /** Always false: providers must configure their HTTP clients not to follow redirects. */
    default boolean followRedirects() {
        return false;
    }

    /** A policy that allows every address: for operator-configured endpoints and tests. */
    static OutboundPolicy unrestricted(Timeouts timeouts) {
        return filtered(timeouts, address -> true);
    }

    /** A policy that allows only the addresses {@code allowed} accepts. */
    static OutboundPolicy filtered(Timeouts timeouts, Predicate<InetAddress> allowed) {
        return new OutboundPolicy() {
            @Override
            public List<InetAddress> resolve(String host) {
                InetAddress[] all;
                try {
                    all = InetAddress.getAllByName(host);
                } catch (UnknownHostException e) {
                    throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "host does not resolve: " + host, e);
                }
                List<InetAddress> permitted = Arrays.stream(all).filter(allowed).toList();
                if (permitted.isEmpty()) {
                    throw new ProviderException(ProviderException.Kind.DENIED, "no permitted address for host " + host);
                }
                return permitted;
            }

            @Override
            public Timeouts timeouts() {
                return timeouts;
            }
        };
    }
}
