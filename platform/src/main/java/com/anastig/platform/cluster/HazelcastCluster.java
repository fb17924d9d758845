package com.anastig.platform.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Hazelcast member of this node. Alone unless members are configured (TCP-IP join);
 * multicast, auto-detection, Jet and phone-home are off, and it binds only the configured address.
 * It carries caches and throttling state; the database stays the system of record.
 */
public final class HazelcastCluster implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastCluster.class);
    private final HazelcastConfig config;
    private volatile HazelcastInstance instance;

    public HazelcastCluster(HazelcastConfig config) {
        this.config = config;
    }

    static Config toHazelcastConfig(HazelcastConfig config) {
        Config c = new Config();
        c.setClusterName(config.clusterName());
        c.setInstanceName("anastig-" + java.util.UUID.randomUUID());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.getJetConfig().setEnabled(false);
        NetworkConfig network = c.getNetworkConfig();
        network.setPort(config.port()).setPortAutoIncrement(config.portAutoIncrement()).setPortCount(20);
        network.setPublicAddress(null);
        network.getInterfaces().setEnabled(true).addInterface(config.bindAddress());
        network.getRestApiConfig().setEnabled(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(config.members());
        return c;
    }

    @Override
    public void start() {
        instance = Hazelcast.newHazelcastInstance(toHazelcastConfig(config));
        LOG.info("Hazelcast member {} joined cluster '{}' with {} member(s)", instance.getCluster().getLocalMember().getAddress(),
            config.clusterName(), instance.getCluster().getMembers().size());
    }

    @Override
    public void stop() {
        HazelcastInstance i = instance;
        if (i != null) {
            i.shutdown();
        }
    }

    /** The running member; only after {@link #start()}. */
    public HazelcastInstance instance() {
        HazelcastInstance i = instance;
        if (i == null) {
            throw new IllegalStateException("Hazelcast is not started");
        }
        return i;
    }

    public boolean isRunning() {
        HazelcastInstance i = instance;
        return i != null && i.getLifecycleService().isRunning();
    }
}
