package com.anastig.platform.techdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The CIDR matcher and the literal-only address parser. */
class CidrTest {
    private static InetAddress ip(String text) {
        return Cidr.literal(text).orElseThrow();
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text).orElseThrow();
    }

    @Test
    void ipv4Networks() {
        assertThat(cidr("10.0.0.0/8").contains(ip("10.255.1.2"))).isTrue();
        assertThat(cidr("10.0.0.0/8").contains(ip("11.0.0.1"))).isFalse();
        assertThat(cidr("192.168.4.0/22").contains(ip("192.168.7.255"))).isTrue();
        assertThat(cidr("192.168.4.0/22").contains(ip("192.168.8.0"))).isFalse();
        assertThat(cidr("192.168.4.0/22").contains(ip("192.168.3.255"))).isFalse();
        assertThat(cidr("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(cidr("203.0.113.9").contains(ip("203.0.113.9"))).isTrue();
        assertThat(cidr("203.0.113.9").contains(ip("203.0.113.10"))).isFalse();
    }

    @Test
    void ipv6Networks() {
        assertThat(cidr("2001:db8::/32").contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(cidr("2001:db8::/32").contains(ip("2001:db9::1"))).isFalse();
        assertThat(cidr("fd00::/7").contains(ip("fdff::1"))).isTrue();
        assertThat(cidr("fd00::/7").contains(ip("fe00::1"))).isFalse();
        assertThat(cidr("::1").contains(ip("::1"))).isTrue();
    }

    @Test
    void familiesNeverMatchEachOther() {
        assertThat(cidr("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(cidr("::/0").contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void ipv4MappedAddressesAreIpv4() {
        assertThat(cidr("10.0.0.0/8").contains(ip("::ffff:10.1.2.3"))).isTrue();
    }

    @Test
    void onlyLiteralsParseAndNothingIsResolved() {
        for (String bad : new String[] {"localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4:80",
            "[::1]", "fe80::1%eth0", "", " ", "unknown", "0x7f.0.0.1", "1.2.3.4 ", "::g"}) {
            assertThat(Cidr.literal(bad)).as(bad).isEmpty();
        }
        for (String bad : new String[] {"10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/33", "::/129", "10.0.0.0/8/8", "10.0.0.0/08x"}) {
            assertThat(Cidr.parse(bad)).as(bad).isEmpty();
        }
    }
}
