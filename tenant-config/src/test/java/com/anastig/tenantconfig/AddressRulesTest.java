package com.anastig.tenantconfig;

import static com.anastig.tenantconfig.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRulesTest {

    @ParameterizedTest(name = "{0} refused as {1}")
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0         | this network",
            "0.1.2.3         | this network",
            "10.0.0.1        | private",
            "10.255.255.255  | private",
            "100.64.0.1      | CGNAT",
            "100.127.255.254 | CGNAT",
            "127.0.0.1       | loopback",
            "127.8.9.10      | loopback",
            "169.254.169.254 | link-local",
            "169.254.0.1     | link-local",
            "172.16.0.1      | private",
            "172.31.255.255  | private",
            "192.0.0.8       | IETF",
            "192.0.2.10      | documentation",
            "192.88.99.1     | 6to4 relay",
            "192.168.1.1     | private",
            "198.18.0.1      | benchmarking",
            "198.19.255.255  | benchmarking",
            "198.51.100.7    | documentation",
            "203.0.113.9     | documentation",
            "224.0.0.1       | multicast",
            "239.255.255.250 | multicast",
            "240.0.0.1       | reserved",
            "255.255.255.255 | broadcast",
            "::              | unspecified",
            "::1             | loopback",
            "fc00::1         | unique local",
            "fd12:3456::1    | unique local",
            "fe80::1         | link-local",
            "febf::1         | link-local",
            "fec0::1         | site-local",
            "ff02::1         | multicast",
            "100::1          | not global unicast",
            "::ffff:127.0.0.1       | loopback",
            "::ffff:169.254.169.254 | link-local",
            "::ffff:10.1.2.3        | private",
            "::127.0.0.1            | loopback",
            "::10.0.0.1             | private",
            "64:ff9b::10.0.0.1      | private",
            "64:ff9b::a9fe:a9fe     | link-local",
            "2002:7f00:1::          | loopback",
            "2002:a00:1::1          | private",
            "2001:db8::1            | documentation",
            "2001::1                | IETF",
            "2001:2::1              | IETF",
            "3fff::1                | documentation"})
    void refusesSpecialPurposeAddresses(String literal, String reason) {
        assertThat(AddressRules.isPublic(ip(literal))).isFalse();
        assertThat(AddressRules.refusal(ip(literal))).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "169.253.255.255", "198.17.255.255", "198.20.0.1", "223.255.255.255", "11.0.0.1",
            "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void acceptsPublicAddresses(String literal) {
        assertThat(AddressRules.refusal(ip(literal))).isEmpty();
    }

    @Test
    void judgesIpv4MappedAddressesHeldAsIpv6() throws UnknownHostException {
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress v6 = Inet6Address.getByAddress(null, mappedLoopback, -1);
        assertThat(v6).isInstanceOf(Inet6Address.class);
        assertThat(AddressRules.refusal(v6)).hasValueSatisfying(r -> assertThat(r).contains("loopback"));

        byte[] mappedMetadata = mappedLoopback.clone();
        mappedMetadata[12] = (byte) 169;
        mappedMetadata[13] = (byte) 254;
        mappedMetadata[14] = (byte) 169;
        mappedMetadata[15] = (byte) 254;
        assertThat(AddressRules.isPublic(Inet6Address.getByAddress(null, mappedMetadata, -1))).isFalse();

        byte[] mappedPublic = mappedLoopback.clone();
        mappedPublic[12] = 8;
        mappedPublic[13] = 8;
        mappedPublic[14] = 8;
        mappedPublic[15] = 8;
        assertThat(AddressRules.isPublic(Inet6Address.getByAddress(null, mappedPublic, -1))).isTrue();
    }
}
