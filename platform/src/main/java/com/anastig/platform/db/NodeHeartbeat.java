package com.anastig.platform.db;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records this node in {@code platform_node} while it runs (the operators' node listing, and the
 * proof at start-up that the application role can write), and removes it on a clean stop.
 */
public final class NodeHeartbeat implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);
    private final Jdbi jdbi;
    private final Clock clock;
    private final String version;
    private final String pluginApiVersion;
    private final UUID nodeId = UUID.randomUUID();
    private ScheduledExecutorService scheduler;

    public NodeHeartbeat(Jdbi jdbi, Clock clock, String version, String pluginApiVersion) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.version = version;
        this.pluginApiVersion = pluginApiVersion;
    }

    public UUID nodeId() {
        return nodeId;
    }

    @Override
    public void start() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO platform_node (node_id, started_at, last_seen_at, version, plugin_api_version)"
                + " VALUES (:id, :now, :now, :version, :api)")
            .bind("id", nodeId).bind("now", now).bind("version", version).bind("api", pluginApiVersion).execute());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::beat, 30, 30, TimeUnit.SECONDS);
    }

    private void beat() {
        try {
            jdbi.useHandle(h -> h.createUpdate("UPDATE platform_node SET last_seen_at = :now WHERE node_id = :id")
                .bind("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)).bind("id", nodeId).execute());
        } catch (RuntimeException e) {
            LOG.warn("Node heartbeat failed: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM platform_node WHERE node_id = :id").bind("id", nodeId).execute());
        } catch (RuntimeException e) {
            LOG.warn("Could not remove this node from platform_node: {}", e.getMessage());
        }
    }
}
