package com.anastig.platform.db;

import io.dropwizard.lifecycle.Managed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a real PostgreSQL server started from Maven-served binaries (Zonky), its
 * data kept in a folder across restarts, listening on 127.0.0.1 only. Started eagerly (migrations
 * need it before the HTTP server starts) and stopped as a {@link Managed}.
 */
public final class EmbeddedDatabase implements Managed, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts (or re-opens) the server in {@code dataDirectory}.
     *
     * @param port 0 for any free port
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toAbsolutePath())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            LOG.info("Embedded PostgreSQL is running on 127.0.0.1:{} with its data in {}", pg.getPort(), dataDirectory.toAbsolutePath());
            return new EmbeddedDatabase(pg);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(explain(e, dataDirectory), e);
        }
    }

    static String explain(Exception e, Path dataDirectory) {
        return explain(e, dataDirectory, "root".equals(System.getProperty("user.name")));
    }

    static String explain(Exception e, Path dataDirectory, boolean root) {
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            causes.append(' ').append(t.getMessage());
        }
        String text = causes.toString();
        StringBuilder message = new StringBuilder("The embedded PostgreSQL server did not start (data in ")
            .append(dataDirectory.toAbsolutePath()).append("): ").append(e.getMessage());
        // initdb and postgres refuse uid 0; Zonky reports that as a failed process
        boolean processFailed = text.contains("root") || text.contains("failed") || text.contains("Gave up waiting");
        if (root && processFailed) {
            message.append(". You are running as root, and PostgreSQL refuses to run as root: run Anastig as a normal user,"
                + " or set database.mode: external and point database.url at a PostgreSQL server.");
        } else if (String.valueOf(e.getMessage()).contains("could not lock")) {
            message.append(". Another process is using this data directory: stop it, or point database.embeddedDataDirectory elsewhere.");
        }
        return message.toString();
    }

    /** The JDBC URL of a database on this server (no credentials in it). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The bootstrap superuser's data source (trust authentication on 127.0.0.1). */
    public javax.sql.DataSource superuser(String database) {
        return postgres.getDatabase("postgres", database);
    }

    @Override
    public void start() {
        // started eagerly by start(Path, int)
    }

    @Override
    public void stop() throws IOException {
        postgres.close();
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
