package com.anastig.tenantconfig;

import static com.anastig.tenantconfig.Fixtures.PUBLIC_V4;
import static com.anastig.tenantconfig.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.Timeouts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicAddressPolicyTest {
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(60));
    private static final HostResolver DNS = Fixtures.resolver(Map.of(
            "bucket.s3.example.com", List.of(PUBLIC_V4, "2606:4700:4700::1111"),
            "rebound.example.com", List.of(PUBLIC_V4, "169.254.169.254"),
            "minio.internal", List.of("10.1.2.3")));

    private static ProviderException.Kind kindOf(Runnable call) {
        try {
            call.run();
        } catch (ProviderException e) {
            return e.kind();
        }
        throw new AssertionError("expected a ProviderException");
    }

    @Test
    void returnsThePublicAddressesToPin() {
        OutboundPolicy outbound = Fixtures.policy(DNS, false).outboundPolicyFor(URI.create("https://s3.example.com"), TIMEOUTS);
        assertThat(outbound.resolve("bucket.s3.example.com")).containsExactly(ip(PUBLIC_V4), ip("2606:4700:4700::1111"));
        assertThat(outbound.resolve("93.184.215.14")).containsExactly(ip(PUBLIC_V4));
        assertThat(outbound.timeouts()).isEqualTo(TIMEOUTS);
        assertThat(outbound.followRedirects()).isFalse();
    }

    @Test
    void deniesHostsWithAnyNonPublicAddress() {
        OutboundPolicy outbound = Fixtures.policy(DNS, false).outboundPolicy("https", 443, TIMEOUTS);
        assertThat(kindOf(() -> outbound.resolve("rebound.example.com"))).isEqualTo(ProviderException.Kind.DENIED);
        assertThat(kindOf(() -> outbound.resolve("minio.internal"))).isEqualTo(ProviderException.Kind.DENIED);
        assertThat(kindOf(() -> outbound.resolve("169.254.169.254"))).isEqualTo(ProviderException.Kind.DENIED);
        assertThat(kindOf(() -> outbound.resolve("::ffff:127.0.0.1"))).isEqualTo(ProviderException.Kind.DENIED);
        assertThat(kindOf(() -> outbound.resolve("[::1]"))).isEqualTo(ProviderException.Kind.DENIED);
        assertThat(kindOf(() -> outbound.resolve("unknown.example.com"))).isEqualTo(ProviderException.Kind.UNAVAILABLE);
    }

    @Test
    void allowListedOriginPassesWithItsAddressesOnlyForItsSchemeAndPort() {
        PublicAddressPolicy policy = Fixtures.policy(DNS, false, "http://minio.internal:9000", "http://127.0.0.1:9000");
        OutboundPolicy listed = policy.outboundPolicyFor(URI.create("http://minio.internal:9000"), TIMEOUTS);
        assertThat(listed.resolve("minio.internal")).containsExactly(ip("10.1.2.3"));
        assertThat(listed.resolve("127.0.0.1")).containsExactly(ip("127.0.0.1"));
        assertThatThrownBy(() -> policy.outboundPolicy("https", 9000, TIMEOUTS).resolve("minio.internal"))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not allowed");
        assertThat(kindOf(() -> policy.outboundPolicy("http", 9001, TIMEOUTS).resolve("127.0.0.1")))
                .isEqualTo(ProviderException.Kind.DENIED);
    }

    @Test
    void resolvesAgainAtEveryConnectionSoARebindIsCaught() {
        List<List<String>> answers = new ArrayList<>(List.of(List.of(PUBLIC_V4), List.of("127.0.0.1")));
        HostResolver rebinding = host -> answers.remove(0).stream().map(Fixtures::ip).toList();
        PublicAddressPolicy policy = new PublicAddressPolicy(OutboundAllowList.none(), rebinding);
        assertThat(new EndpointRules(policy).check("endpoint", "https://rebind.example.com")).isEmpty();
        OutboundPolicy outbound = policy.outboundPolicy("https", 443, TIMEOUTS);
        assertThat(kindOf(() -> outbound.resolve("rebind.example.com"))).isEqualTo(ProviderException.Kind.DENIED);
    }

    @Test
    void literalsNeverReachTheResolver() {
        HostResolver failing = host -> {
            throw new AssertionError("resolver called for " + host);
        };
        PublicAddressPolicy policy = new PublicAddressPolicy(OutboundAllowList.none(), failing);
        assertThat(policy.check("https", "8.8.8.8", 443).status()).isEqualTo(PublicAddressPolicy.Status.ALLOWED);
        assertThat(policy.check("https", "[2606:4700:4700::1111]", 443).status()).isEqualTo(PublicAddressPolicy.Status.ALLOWED);
        assertThat(policy.check("https", "10.0.0.1", 443).status()).isEqualTo(PublicAddressPolicy.Status.NOT_ALLOWED);
    }

    @Test
    void aResolverThatAnswersNothingMeansUnresolvable() {
        PublicAddressPolicy policy = new PublicAddressPolicy(OutboundAllowList.none(), host -> List.of());
        PublicAddressPolicy.HostCheck check = policy.check("https", "empty.example.com", 443);
        assertThat(check.status()).isEqualTo(PublicAddressPolicy.Status.UNRESOLVABLE);
        assertThat(check.allowed()).isFalse();
    }
}
