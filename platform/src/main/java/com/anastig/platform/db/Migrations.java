package com.anastig.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Liquibase changelog as the schema owner, at start-up and from {@code db migrate}.
 *
 * <p>Several nodes may start at once, and a killed process can leave Liquibase's changelog lock set
 * forever. Every migrator first takes a PostgreSQL session advisory lock, which the server releases
 * by itself when the holder's connection dies. So whoever holds the advisory lock and still finds the
 * changelog lock set knows its holder is dead, and releases it: no guessing from timestamps.
 */
public final class Migrations {
    public static final String CHANGELOG = "migrations/master.xml";
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    /** An arbitrary constant shared by every Anastig node: "anastig" in ASCII. */
    private static final long ADVISORY_KEY = 0x616e6173746967L;

    private final DataSource owner;
    private final String appRole;
    private final String crossTenantRole;

    public Migrations(DataSource owner, String appRole, String crossTenantRole) {
        this.owner = owner;
        this.appRole = appRole;
        this.crossTenantRole = crossTenantRole;
    }

    /** Applies every pending changeset; returns how many were pending. */
    public int migrate() {
        try (Connection c = owner.getConnection()) {
            takeAdvisoryLock(c);
            try {
                releaseStaleChangelogLock(c);
                return Scope.child(Map.of("liquibase.analytics.enabled", false), () -> update(c));
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + ADVISORY_KEY + ")");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }

    private int update(Connection c) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        // closing Liquibase would close our connection; the try-with-resources on it does that
        @SuppressWarnings("deprecation")
        Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()), database);
        liquibase.setChangeLogParameter("appRole", appRole);
        liquibase.setChangeLogParameter("crossTenantRole", crossTenantRole);
        int pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()).size();
        if (pending > 0) {
            LOG.info("Applying {} database changeset(s)", pending);
            liquibase.update(new Contexts(), new LabelExpression());
        }
        return pending;
    }

    private static void takeAdvisoryLock(Connection c) throws SQLException, InterruptedException {
        long waitingSince = System.nanoTime();
        while (true) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + ADVISORY_KEY + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
            if (System.nanoTime() - waitingSince > 10_000_000_000L) {
                LOG.info("Waiting for another node to finish migrating the database");
                waitingSince = System.nanoTime();
            }
            Thread.sleep(200);
        }
    }

    private static void releaseStaleChangelogLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("SELECT to_regclass('databasechangeloglock') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT lockedby, lockgranted FROM databasechangeloglock WHERE locked");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return;
            }
            String by = rs.getString(1);
            Timestamp granted = rs.getTimestamp(2);
            LOG.warn("Releasing a stale Liquibase changelog lock held by {} since {}: its holder is gone"
                + " (it no longer holds the migration advisory lock)", by, granted);
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL, lockedby = NULL");
        }
    }
}
