package com.anastig.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Real Hazelcast members on 127.0.0.1: alone by default, one cluster with a member list. */
class HazelcastClusterIT {

    @Test
    void aMemberWithoutMembersIsAlone() {
        HazelcastCluster alone = new HazelcastCluster(new HazelcastConfig("alone-" + UUID.randomUUID(), "127.0.0.1", 5901, true, List.of()));
        alone.start();
        try {
            assertThat(alone.instance().getCluster().getMembers()).hasSize(1);
            assertThat(alone.instance().getCluster().getLocalMember().getAddress().getHost()).isEqualTo("127.0.0.1");
            assertThat(new HazelcastHealthCheck(alone).execute().isHealthy()).isTrue();
        } finally {
            alone.stop();
        }
        assertThat(new HazelcastHealthCheck(alone).execute().isHealthy()).isFalse();
    }

    @Test
    void membersListedByAddressFormOneCluster() {
        String name = "pair-" + UUID.randomUUID();
        List<String> members = List.of("127.0.0.1:5911", "127.0.0.1:5912");
        HazelcastCluster a = new HazelcastCluster(new HazelcastConfig(name, "127.0.0.1", 5911, false, members));
        HazelcastCluster b = new HazelcastCluster(new HazelcastConfig(name, "127.0.0.1", 5912, false, members));
        a.start();
        b.start();
        try {
            assertThat(a.instance().getCluster().getMembers()).hasSize(2);
            a.instance().getMap("probe").put("k", "v");
            assertThat(b.instance().getMap("probe").get("k")).isEqualTo("v");
        } finally {
            b.stop();
            a.stop();
        }
    }
}
