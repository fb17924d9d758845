package com.anastig.tenantconfig;

import static com.anastig.tenantconfig.Fixtures.PUBLIC_V4;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointRulesTest {
    private static final HostResolver DNS = Fixtures.resolver(Map.of(
            "s3.example.com", List.of(PUBLIC_V4, "2606:4700:4700::1111"),
            "metadata.example.com", List.of("169.254.169.254"),
            "internal.example.com", List.of("10.0.0.5"),
            "localhost", List.of("127.0.0.1", "::1"),
            "mixed.example.com", List.of(PUBLIC_V4, "192.168.0.10"),
            "mapped.example.com", List.of("::ffff:127.0.0.1"),
            "minio.internal", List.of("10.1.2.3")));

    private static List<String> codes(EndpointRules rules, String endpoint) {
        return rules.check("endpoint", endpoint).stream().map(FieldProblem::code).toList();
    }

    private static EndpointRules strict() {
        return new EndpointRules(Fixtures.policy(DNS, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://s3.example.com", "https://s3.example.com/", "https://s3.example.com:8443",
            "https://S3.Example.com", "https://93.184.215.14", "https://[2606:4700:4700::1111]:9000"})
    void acceptsHttpsToPublicAddresses(String endpoint) {
        assertThat(strict().check("endpoint", endpoint)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "https://user:pass@s3.example.com  | endpoint_has_credentials",
            "https://user@s3.example.com       | endpoint_has_credentials",
            "https://s3.example.com/?x=1       | endpoint_has_query",
            "https://s3.example.com?           | endpoint_has_query",
            "https://s3.example.com/#frag      | endpoint_has_fragment",
            "https://s3.example.com/bucket     | endpoint_has_path",
            "https://s3.example.com//          | endpoint_has_path",
            "http://s3.example.com             | endpoint_insecure",
            "ftp://s3.example.com              | invalid_endpoint",
            "HTTPS://s3.example.com            | invalid_endpoint",
            "s3.example.com                    | invalid_endpoint",
            "//s3.example.com                  | invalid_endpoint",
            "https://                          | invalid_endpoint",
            "https://s3 example.com            | invalid_endpoint",
            "https://s3_bucket.example.com     | invalid_endpoint",
            "https://s3.example.com.           | invalid_endpoint",
            "https://s3.example.com:0          | invalid_endpoint",
            "https://s3.example.com:70000      | invalid_endpoint",
            "https://2130706433                | invalid_endpoint",
            "https://127.1                     | invalid_endpoint",
            "https://0x7f.0.0.1                | invalid_endpoint",
            "https://0177.0.0.1                | invalid_endpoint",
            "https://[fe80::1%25eth0]          | invalid_endpoint",
            "https://nowhere.example.com       | endpoint_unresolvable",
            "https://metadata.example.com      | endpoint_not_allowed",
            "https://internal.example.com      | endpoint_not_allowed",
            "https://localhost:9000            | endpoint_not_allowed",
            "https://mixed.example.com         | endpoint_not_allowed",
            "https://mapped.example.com        | endpoint_not_allowed",
            "https://minio.internal:9000       | endpoint_not_allowed"})
    void refusesEndpointsBreakingARule(String endpoint, String code) {
        assertThat(codes(strict(), endpoint)).containsExactly(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.5", "192.168.1.1", "169.254.169.254",
            "169.254.10.10", "100.64.0.1", "0.0.0.0", "198.18.0.1", "224.0.0.1", "255.255.255.255", "192.0.2.1",
            "[::1]", "[::]", "[fc00::1]", "[fd00::1]", "[fe80::1]", "[::ffff:127.0.0.1]", "[::ffff:169.254.169.254]",
            "[::ffff:a9fe:a9fe]", "[::ffff:10.0.0.1]", "[::127.0.0.1]", "[64:ff9b::a00:1]", "[2002:7f00:1::]", "[ff02::1]"})
    void refusesEveryNonPublicLiteral(String host) {
        List<FieldProblem> problems = strict().check("endpoint", "https://" + host + ":9000");
        assertThat(problems).extracting(FieldProblem::code).containsExactly("endpoint_not_allowed");
        assertThat(problems.get(0).field()).isEqualTo("endpoint");
    }

    @Test
    void reportsSeveralSyntaxProblemsTogether() {
        assertThat(codes(strict(), "https://u:p@s3.example.com/path?q#f"))
                .containsExactly("endpoint_has_credentials", "endpoint_has_query", "endpoint_has_fragment", "endpoint_has_path");
        assertThat(codes(strict(), null)).containsExactly("required");
        assertThat(codes(strict(), "https://" + "a".repeat(2100) + ".com")).containsExactly("invalid_endpoint");
    }

    @Test
    void credentialsInTheUrlNeverReachTheMessage() {
        List<FieldProblem> problems = strict().check("endpoint", "https://AKIAEXAMPLE:hunter2-secret@s3.example.com");
        assertThat(problems).extracting(FieldProblem::message).noneMatch(m -> m.contains("hunter2") || m.contains("AKIAEXAMPLE"));
    }

    @Test
    void httpNeedsTheOperatorsAllowance() {
        assertThat(codes(strict(), "http://s3.example.com")).containsExactly("endpoint_insecure");
        EndpointRules httpAllowed = new EndpointRules(Fixtures.policy(DNS, true));
        assertThat(codes(httpAllowed, "http://s3.example.com")).isEmpty();
        // allowing http does not lift the address rules
        assertThat(codes(httpAllowed, "http://internal.example.com")).containsExactly("endpoint_not_allowed");
    }

    @Test
    void allowListedOriginIsAcceptedOnlyWithTheSameSchemeHostAndPort() {
        EndpointRules rules = new EndpointRules(Fixtures.policy(DNS, false, "http://127.0.0.1:9000", "https://minio.internal:9000"));
        assertThat(codes(rules, "http://127.0.0.1:9000")).isEmpty();
        assertThat(codes(rules, "http://127.0.0.1:9000/")).isEmpty();
        assertThat(codes(rules, "https://minio.internal:9000")).isEmpty();
        assertThat(codes(rules, "https://MINIO.internal:9000")).isEmpty();

        // plain http to a non-public address that is not allow-listed: refused for the address, the graver reason
        assertThat(codes(rules, "http://127.0.0.1:9001")).containsExactly("endpoint_not_allowed");
        assertThat(codes(rules, "https://127.0.0.1:9000")).containsExactly("endpoint_not_allowed");
        assertThat(codes(rules, "http://127.0.0.2:9000")).containsExactly("endpoint_not_allowed");
        assertThat(codes(rules, "http://localhost:9000")).containsExactly("endpoint_not_allowed");
        assertThat(codes(rules, "https://minio.internal")).containsExactly("endpoint_not_allowed");
        assertThat(codes(rules, "https://minio.internal:9001")).containsExactly("endpoint_not_allowed");
        assertThat(codes(rules, "http://minio.internal:9000")).containsExactly("endpoint_not_allowed");
    }

    @Test
    void allowListedIpv6LiteralMatchesInAnySpelling() {
        EndpointRules rules = new EndpointRules(Fixtures.policy(DNS, false, "https://[::1]:9000"));
        assertThat(codes(rules, "https://[0:0:0:0:0:0:0:1]:9000")).isEmpty();
        assertThat(codes(rules, "https://[::1]:9001")).containsExactly("endpoint_not_allowed");
    }

    @Test
    void defaultPortsCountForTheAllowList() {
        EndpointRules rules = new EndpointRules(Fixtures.policy(DNS, false, "https://internal.example.com:443"));
        assertThat(codes(rules, "https://internal.example.com")).isEmpty();
        assertThat(codes(rules, "https://internal.example.com:443/")).isEmpty();
    }
}
