package com.anastig.platform.techdata;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The client's IP address: the socket peer, unless the peer is a trusted proxy; then
 * {@code X-Forwarded-For} is walked from the right, skipping trusted proxies, and the first
 * untrusted address is the client. A malformed entry ends the walk and the last trusted hop is
 * used. {@code X-Forwarded-For} from an untrusted peer is ignored: anyone can send it.
 */
public final class ClientAddress {
    /** Longest {@code X-Forwarded-For} value considered, so a huge header costs little. */
    static final int MAX_HEADER_CHARS = 2048;
    /** The client IP when the socket peer is not known (only outside a servlet container). */
    public static final String UNKNOWN = "unknown";

    private final List<Cidr> trustedProxies;

    public ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * The client IP in canonical text form.
     *
     * @param peer the socket peer's address (the servlet request's remote address); null if unknown
     * @param forwardedFor every {@code X-Forwarded-For} header value, in the order received
     */
    public String resolve(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = Cidr.literal(peer);
        if (peerAddress.isEmpty()) {
            return UNKNOWN;
        }
        InetAddress hop = peerAddress.get();
        if (isTrusted(hop) && forwardedFor != null) {
            List<String> entries = entries(forwardedFor);
            for (int i = entries.size() - 1; i >= 0; i--) {
                Optional<InetAddress> next = Cidr.literal(entries.get(i));
                if (next.isEmpty()) {
                    break;
                }
                hop = next.get();
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return InetAddresses.toAddrString(hop);
    }

    /** Whether the address is one of the configured trusted proxies. */
    public boolean isTrusted(InetAddress address) {
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the peer (the socket's address, as text) is a trusted proxy. */
    public boolean isTrustedPeer(String peer) {
        return Cidr.literal(peer).map(this::isTrusted).orElse(false);
    }

    private static List<String> entries(List<String> headerValues) {
        String joined = String.join(",", headerValues.stream().filter(java.util.Objects::nonNull).toList());
        if (joined.length() > MAX_HEADER_CHARS) {
            // only the rightmost entries matter; drop the one the cut went through
            joined = joined.substring(joined.length() - MAX_HEADER_CHARS);
            int comma = joined.indexOf(',');
            joined = comma < 0 ? "" : joined.substring(comma + 1);
        }
        return Arrays.stream(joined.split(",", -1)).map(String::strip).toList();
    }
}
