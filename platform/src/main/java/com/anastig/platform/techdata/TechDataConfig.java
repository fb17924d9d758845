package com.anastig.platform.techdata;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a request's technical data comes from (config section {@code technicalData:}).
 * {@code trustedProxies}: CIDRs of the reverse proxies in front of the platform; only a request
 * whose socket peer is one of them has its {@code X-Forwarded-For} and country header believed.
 * {@code countryHeader}: the proxy's country header (e.g. {@code CF-IPCountry}); off when absent.
 * {@code geoIpDatabase}: an operator-installed MaxMind-format country database; off when absent.
 */
public record TechDataConfig(
    List<String> trustedProxies,
    @Pattern(regexp = "[A-Za-z0-9-]{1,64}", message = "must be an HTTP header name") String countryHeader,
    Path geoIpDatabase) {

    public TechDataConfig {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /** No trusted proxy, no country header, no GeoIP database: the country is unknown. */
    public static TechDataConfig defaults() {
        return new TechDataConfig(null, null, null);
    }

    /** Every entry of {@code trustedProxies} is an address or a CIDR. */
    @AssertTrue(message = "technicalData.trustedProxies must hold IP addresses or CIDRs such as 10.0.0.0/8 or 2001:db8::/32")
    public boolean isTrustedProxiesValid() {
        return trustedProxies.stream().allMatch(c -> Cidr.parse(c).isPresent());
    }

    /** The trusted proxies, parsed. */
    public List<Cidr> trustedProxyNetworks() {
        return trustedProxies.stream().map(c -> Cidr.parse(c).orElseThrow(
            () -> new IllegalArgumentException("technicalData.trustedProxies holds an entry that is not a CIDR"))).toList();
    }
}
