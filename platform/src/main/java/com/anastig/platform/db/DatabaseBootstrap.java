package com.anastig.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates, idempotently, what the embedded server needs before migrations: the owner role that owns
 * and migrates the schema, the application role (not an owner, not a superuser, so row-level security
 * applies to it) and the database. Production creates these by hand (see README) and never runs this.
 */
public final class DatabaseBootstrap {
    private DatabaseBootstrap() {
    }

    /**
     * @param superuser a superuser's data source for a given database name
     */
    public static void ensureRolesAndDatabase(java.util.function.Function<String, DataSource> superuser, String database,
                                              DatabaseConfig.Credentials owner, DatabaseConfig.Credentials app,
                                              DatabaseConfig.Credentials crossTenant) throws SQLException {
        try (Connection c = superuser.apply("postgres").getConnection(); Statement s = c.createStatement()) {
            ensureRole(c, s, owner, "NOSUPERUSER NOCREATEROLE NOCREATEDB");
            ensureRole(c, s, app, "NOSUPERUSER NOCREATEROLE NOCREATEDB NOINHERIT");
            // crosses tenants through its own row-level policies, never through BYPASSRLS
            ensureRole(c, s, crossTenant, "NOSUPERUSER NOCREATEROLE NOCREATEDB NOINHERIT NOBYPASSRLS");
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                s.execute("CREATE DATABASE " + ident(database) + " OWNER " + ident(owner.user()) + " ENCODING 'UTF8' TEMPLATE template0");
            }
            s.execute("REVOKE ALL ON DATABASE " + ident(database) + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + ident(database) + " TO " + ident(app.user()));
            s.execute("GRANT CONNECT ON DATABASE " + ident(database) + " TO " + ident(crossTenant.user()));
        }
        // The owner role owns the schema; nobody else may create objects in it (PostgreSQL before 15
        // lets every role create in "public").
        try (Connection c = superuser.apply(database).getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER SCHEMA public OWNER TO " + ident(owner.user()));
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
    }

    private static void ensureRole(Connection c, Statement s, DatabaseConfig.Credentials role, String attributes) throws SQLException {
        String verb = exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role.user()) ? "ALTER" : "CREATE";
        s.execute(verb + " ROLE " + ident(role.user()) + " LOGIN " + attributes + " PASSWORD " + literal(role.password()));
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Role and database names are validated by configuration ([a-z_][a-z0-9_]*); quote anyway. */
    static String ident(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain identifier");
        }
        return "\"" + name + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
