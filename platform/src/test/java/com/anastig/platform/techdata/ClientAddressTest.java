package com.anastig.platform.techdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The client address from the socket peer and, behind trusted proxies only, X-Forwarded-For. */
class ClientAddressTest {
    private static ClientAddress trusting(String... cidrs) {
        return new ClientAddress(Stream.of(cidrs).map(c -> Cidr.parse(c).orElseThrow()).toList());
    }

    @Test
    void withoutTrustedProxiesTheSocketPeerIsTheClient() {
        ClientAddress a = trusting();
        assertThat(a.resolve("198.51.100.7", List.of())).isEqualTo("198.51.100.7");
        assertThat(a.resolve("2001:db8:0:0::1", List.of())).isEqualTo("2001:db8::1");
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        // spoofing: a client sends its own X-Forwarded-For to pose as someone else
        assertThat(trusting().resolve("198.51.100.7", List.of("203.0.113.1"))).isEqualTo("198.51.100.7");
        assertThat(trusting("10.0.0.0/8").resolve("198.51.100.7", List.of("10.0.0.1, 203.0.113.1")))
            .isEqualTo("198.51.100.7");
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsUsed() {
        assertThat(trusting("10.0.0.0/8").resolve("10.0.0.2", List.of("203.0.113.1"))).isEqualTo("203.0.113.1");
        assertThat(trusting("fd00::/8").resolve("fd00::2", List.of("2001:db8::5"))).isEqualTo("2001:db8::5");
    }

    @Test
    void theWalkGoesRightToLeftSkippingTrustedHopsAndStopsAtTheFirstUntrusted() {
        ClientAddress a = trusting("10.0.0.0/8", "192.0.2.0/24");
        // the leftmost entry is whatever the client claimed: never reached past an untrusted hop
        assertThat(a.resolve("10.0.0.2", List.of("1.1.1.1, 203.0.113.1, 192.0.2.9, 10.0.0.3")))
            .isEqualTo("203.0.113.1");
        // several header lines count as one list, in order
        assertThat(a.resolve("10.0.0.2", List.of("1.1.1.1, 203.0.113.1", "192.0.2.9"))).isEqualTo("203.0.113.1");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(trusting("10.0.0.0/8").resolve("10.0.0.2", List.of("10.1.1.1, 10.2.2.2"))).isEqualTo("10.1.1.1");
        assertThat(trusting("10.0.0.0/8").resolve("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
    }

    @Test
    void aMalformedEntryStopsTheWalkAtTheLastTrustedHop() {
        ClientAddress a = trusting("10.0.0.0/8");
        assertThat(a.resolve("10.0.0.2", List.of("203.0.113.1, evil.example, 10.0.0.3"))).isEqualTo("10.0.0.3");
        assertThat(a.resolve("10.0.0.2", List.of("203.0.113.1, unknown"))).isEqualTo("10.0.0.2");
        assertThat(a.resolve("10.0.0.2", List.of(""))).isEqualTo("10.0.0.2");
        assertThat(a.resolve("10.0.0.2", List.of("203.0.113.1:4711"))).isEqualTo("10.0.0.2");
    }

    @Test
    void aHugeHeaderCostsLittleAndOnlyItsRightEndCounts() {
        String huge = "9.9.9.9, ".repeat(100_000) + "203.0.113.1";
        assertThat(trusting("10.0.0.0/8").resolve("10.0.0.2", List.of(huge))).isEqualTo("203.0.113.1");
        // a cut through an entry never yields a shortened, valid-looking address
        String tail = ", 10.0.0.9".repeat(203) + ", 10.0.0.19";
        assertThat(("1.2.3.4" + tail).length()).isEqualTo(ClientAddress.MAX_HEADER_CHARS);
        String cut = "203.0.113.1, 111.2.3.4" + tail;
        assertThat(trusting("10.0.0.0/8").resolve("10.0.0.2", List.of(cut))).isEqualTo("10.0.0.9");
    }

    @Test
    void anUnknownOrOddPeerIsUnknown() {
        assertThat(trusting().resolve(null, List.of("203.0.113.1"))).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(trusting().resolve("not-an-ip", List.of())).isEqualTo(ClientAddress.UNKNOWN);
    }
}
