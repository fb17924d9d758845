package com.anastig.platform.cluster;

import com.codahale.metrics.health.HealthCheck;

/** Healthy while this node's Hazelcast member runs; reports the cluster's size. */
public final class HazelcastHealthCheck extends HealthCheck {
    private final HazelcastCluster cluster;

    public HazelcastHealthCheck(HazelcastCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    protected Result check() {
        if (!cluster.isRunning()) {
            return Result.unhealthy("the Hazelcast member is not running");
        }
        int members = cluster.instance().getCluster().getMembers().size();
        return Result.builder().healthy().withMessage("%d member(s) in cluster '%s'", members,
            cluster.instance().getConfig().getClusterName()).withDetail("members", members).build();
    }
}
