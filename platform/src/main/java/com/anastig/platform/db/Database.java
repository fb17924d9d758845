package com.anastig.platform.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import java.sql.SQLException;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database up for the application: starts the embedded server when configured (creating
 * its roles and database), migrates the schema as the owner, and opens the application's pool as the
 * app role. The owner's connections are closed again once migrations are done.
 */
public final class Database {
    public static final String EMBEDDED_DATABASE_NAME = "anastig";
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final String url;
    private final EmbeddedDatabase embedded;

    private Database(DatabaseConfig config, String url, EmbeddedDatabase embedded) {
        this.config = config;
        this.url = url;
        this.embedded = embedded;
    }

    /** Starts the embedded server if configured; otherwise just checks the external URL is set. */
    public static Database open(DatabaseConfig config) {
        if (config.mode() == DatabaseConfig.Mode.EXTERNAL) {
            return new Database(config, config.url(), null);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(config.embeddedDataDirectory(), config.embeddedPort());
        try {
            DatabaseBootstrap.ensureRolesAndDatabase(embedded::superuser, EMBEDDED_DATABASE_NAME, config.owner(), config.app(), config.crossTenant());
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the embedded database: " + e.getMessage(), e);
        }
        return new Database(config, embedded.jdbcUrl(EMBEDDED_DATABASE_NAME), embedded);
    }

    public String url() {
        return url;
    }

    /** The embedded server, to stop with the application; null in external mode. */
    public EmbeddedDatabase embedded() {
        return embedded;
    }

    /** Applies pending migrations as the schema owner. */
    public int migrate(Environment environment) throws Exception {
        DataSourceFactory factory = dataSourceFactory(config.owner(), 2);
        ManagedDataSource owner = factory.build(environment.metrics(), "migrations");
        try {
            int applied = new Migrations(owner, config.app().user(), config.crossTenant().user()).migrate();
            LOG.info("Database schema is up to date ({} changeset(s) applied now)", applied);
            return applied;
        } finally {
            owner.stop();
        }
    }

    /** The application's pool and Jdbi, as the app role; registers the "database" health check. */
    public Jdbi jdbi(Environment environment) {
        DataSourceFactory factory = dataSourceFactory(config.app(), config.maxPoolSize());
        return new JdbiFactory().build(environment, factory, "database");
    }

    /**
     * A small pool as the cross-tenant role, for {@code com.anastig.platform.tenant.CrossTenantDb} only.
     * Its health check is "database-cross-tenant".
     */
    public Jdbi crossTenantJdbi(Environment environment) {
        DataSourceFactory factory = dataSourceFactory(config.crossTenant(), 4);
        return new JdbiFactory().build(environment, factory, "database-cross-tenant");
    }

    DataSourceFactory dataSourceFactory(DatabaseConfig.Credentials credentials, int maxSize) {
        DataSourceFactory f = new DataSourceFactory();
        f.setDriverClass("org.postgresql.Driver");
        f.setUrl(url);
        f.setUser(credentials.user());
        f.setPassword(credentials.password());
        f.setMinSize(Math.min(2, maxSize));
        f.setInitialSize(Math.min(2, maxSize));
        f.setMaxSize(maxSize);
        f.setMaxWaitForConnection(config.connectionTimeout());
        f.setValidationQuery("/* anastig health */ SELECT 1");
        f.setCheckConnectionOnBorrow(true);
        f.setProperties(Map.of(
            "ApplicationName", "anastig",
            "connectTimeout", String.valueOf(Math.max(1, config.connectionTimeout().toSeconds())),
            "tcpKeepAlive", "true"));
        return f;
    }
}
