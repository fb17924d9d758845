package com.anastig.platform.testing;

import com.anastig.platform.db.DatabaseBootstrap;
import com.anastig.platform.db.DatabaseConfig;
import com.anastig.platform.db.EmbeddedDatabase;
import com.anastig.platform.db.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One embedded PostgreSQL server per test JVM (a real server, started by Zonky), with the owner and
 * app roles and a migrated template database; every test class gets a fresh database copied from
 * the template, which takes milliseconds. The server stops with the JVM.
 */
public final class SharedPostgres {
    public static final DatabaseConfig.Credentials OWNER = new DatabaseConfig.Credentials("anastig_owner", "test-owner");
    public static final DatabaseConfig.Credentials APP = new DatabaseConfig.Credentials("anastig_app", "test-app");
    public static final DatabaseConfig.Credentials CROSS_TENANT = new DatabaseConfig.Credentials("anastig_cross_tenant", "test-cross-tenant");
    private static final String TEMPLATE = "anastig_template";
    private static EmbeddedDatabase server;

    private SharedPostgres() {
    }

    /** A fresh, migrated database for one test class. */
    public static TestDatabase newDatabase() {
        return create(TEMPLATE);
    }

    /** A fresh database with no schema at all, owned by the owner role (for migration tests). */
    public static TestDatabase newEmptyDatabase() {
        return create("template0");
    }

    private static synchronized TestDatabase create(String template) {
        try {
            if (server == null) {
                server = start();
            }
            String name = "t_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = server.superuser("postgres").getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name + " TEMPLATE " + template + " OWNER " + OWNER.user());
                s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + APP.user());
                s.execute("GRANT CONNECT ON DATABASE " + name + " TO " + CROSS_TENANT.user());
            }
            return new TestDatabase(server, name);
        } catch (Exception e) {
            throw new IllegalStateException("could not prepare a test database: " + e.getMessage(), e);
        }
    }

    private static EmbeddedDatabase start() throws Exception {
        Path dir = Files.createTempDirectory("anastig-test-pg");
        EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0);
        DatabaseBootstrap.ensureRolesAndDatabase(db::superuser, TEMPLATE, OWNER, APP, CROSS_TENANT);
        PGSimpleDataSource owner = dataSource(db, TEMPLATE, OWNER);
        new Migrations(owner, APP.user(), CROSS_TENANT.user()).migrate();
        return db;
    }

    static PGSimpleDataSource dataSource(EmbeddedDatabase db, String database, DatabaseConfig.Credentials role) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl(database));
        ds.setUser(role.user());
        ds.setPassword(role.password());
        return ds;
    }

    /** One test class's database. */
    public record TestDatabase(EmbeddedDatabase server, String name) {
        public String url() {
            return server.jdbcUrl(name);
        }

        public PGSimpleDataSource asOwner() {
            return dataSource(server, name, OWNER);
        }

        public PGSimpleDataSource asApp() {
            return dataSource(server, name, APP);
        }

        /** Jdbi as the application role, with SQL objects, as the application sets it up. */
        public org.jdbi.v3.core.Jdbi jdbiAsApp() {
            return org.jdbi.v3.core.Jdbi.create(asApp()).installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin());
        }

        public PGSimpleDataSource asCrossTenant() {
            return dataSource(server, name, CROSS_TENANT);
        }

        public PGSimpleDataSource asSuperuser() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url());
            ds.setUser("postgres");
            return ds;
        }
    }
}
