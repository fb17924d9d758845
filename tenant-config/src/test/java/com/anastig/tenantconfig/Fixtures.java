package com.anastig.tenantconfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small factories shared by the tests: literal addresses and a resolver over a fixed table (no DNS). */
final class Fixtures {
    static final String PUBLIC_V4 = "93.184.215.14";

    private Fixtures() {
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** Resolves only the names in the table; every other name is unknown. */
    static HostResolver resolver(Map<String, List<String>> table) {
        return host -> {
            List<String> literals = table.get(host);
            if (literals == null) {
                throw new UnknownHostException(host);
            }
            return literals.stream().map(Fixtures::ip).toList();
        };
    }

    static HostResolver resolving(String host, String... literals) {
        return resolver(Map.of(host, Arrays.asList(literals)));
    }

    static PublicAddressPolicy policy(HostResolver resolver, boolean allowHttp, String... allowListed) {
        return new PublicAddressPolicy(new OutboundAllowList(List.of(allowListed), allowHttp), resolver);
    }

    static StorageSetting.Byo byo(String endpoint) {
        return new StorageSetting.Byo(StorageProvider.S3, endpoint, "eu-central-1", "acme-data", "anastig/", false,
                "AKIAIOSFODNN7EXAMPLE", "not-a-real-secret-0123456789");
    }
}
