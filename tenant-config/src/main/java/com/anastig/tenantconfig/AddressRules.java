package com.anastig.tenantconfig;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses a tenant-supplied endpoint may reach: public unicast only. Everything special
 * purpose (loopback, private, link-local and the cloud metadata address, CGNAT, "this network",
 * benchmarking, documentation, multicast, reserved and broadcast) is refused, and IPv6 forms that
 * carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the address they carry.
 * IPv6 outside global unicast (2000::/3) is refused.
 */
public final class AddressRules {

    private record Range(byte[] network, int prefixLength, String name) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0", 8, "this network"),
            range("10.0.0.0", 8, "private"),
            range("100.64.0.0", 10, "shared address space (CGNAT)"),
            range("127.0.0.0", 8, "loopback"),
            range("169.254.0.0", 16, "link-local (including cloud metadata)"),
            range("172.16.0.0", 12, "private"),
            range("192.0.0.0", 24, "IETF protocol assignments"),
            range("192.0.2.0", 24, "documentation"),
            range("192.88.99.0", 24, "6to4 relay anycast"),
            range("192.168.0.0", 16, "private"),
            range("198.18.0.0", 15, "benchmarking"),
            range("198.51.100.0", 24, "documentation"),
            range("203.0.113.0", 24, "documentation"),
            range("224.0.0.0", 4, "multicast"),
            range("240.0.0.0", 4, "reserved (including broadcast)"));

    private static final Range GLOBAL_UNICAST_V6 = range("2000::", 3, "global unicast");
    private static final Range MAPPED = range("::ffff:0:0", 96, "IPv4-mapped");
    private static final Range COMPATIBLE = range("::", 96, "IPv4-compatible");
    private static final Range NAT64 = range("64:ff9b::", 96, "NAT64");
    private static final Range SIX_TO_FOUR = range("2002::", 16, "6to4");

    private static final List<Range> IPV6_REFUSED = List.of(
            range("2001::", 23, "IETF protocol assignments (Teredo, benchmarking, ORCHID)"),
            range("2001:db8::", 32, "documentation"),
            range("3fff::", 20, "documentation"),
            range("5f00::", 16, "segment routing"));

    private AddressRules() {
    }

    /** True when a tenant endpoint may connect to this address. */
    public static boolean isPublic(InetAddress address) {
        return refusal(address).isEmpty();
    }

    /** Why the address is refused (the name of its range), or empty when it is public. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4Refusal(bytes);
        }
        if (!(address instanceof Inet6Address)) {
            return Optional.of("unknown address family");
        }
        if (isZero(bytes, 0, 16)) {
            return Optional.of("unspecified");
        }
        if (isZero(bytes, 0, 15) && bytes[15] == 1) {
            return Optional.of("loopback");
        }
        if (MAPPED.contains(bytes) || COMPATIBLE.contains(bytes) || NAT64.contains(bytes)) {
            return ipv4Refusal(Arrays.copyOfRange(bytes, 12, 16)).map(r -> r + " (in an IPv6 form)");
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return ipv4Refusal(Arrays.copyOfRange(bytes, 2, 6)).map(r -> r + " (in a 6to4 address)");
        }
        if (!GLOBAL_UNICAST_V6.contains(bytes)) {
            return Optional.of(ipv6Name(bytes));
        }
        return IPV6_REFUSED.stream().filter(r -> r.contains(bytes)).findFirst().map(Range::name);
    }

    private static Optional<String> ipv4Refusal(byte[] bytes) {
        return IPV4.stream().filter(r -> r.contains(bytes)).findFirst().map(Range::name);
    }

    private static String ipv6Name(byte[] bytes) {
        int first = bytes[0] & 0xff;
        if (first == 0xff) {
            return "multicast";
        }
        if ((first & 0xfe) == 0xfc) {
            return "unique local (private)";
        }
        if (first == 0xfe && (bytes[1] & 0xc0) == 0x80) {
            return "link-local";
        }
        if (first == 0xfe && (bytes[1] & 0xc0) == 0xc0) {
            return "site-local";
        }
        return "not global unicast";
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Range range(String literal, int prefixLength, String name) {
        try {
            // literals only: no name service lookup happens here
            byte[] network = InetAddress.getByName(literal).getAddress();
            if (literal.contains(":") && network.length == 4) {
                network = ipv4MappedBytes(network);
            }
            return new Range(network, prefixLength, name);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static byte[] ipv4MappedBytes(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }
}
