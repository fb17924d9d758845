package com.anastig.platform.db;

import com.anastig.platform.AnastigConfiguration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

/**
 * The database for a command-line command: starts the embedded server when configured, migrates, and
 * opens the application's and the cross-tenant role's pools; closing stops what was started.
 */
public final class CommandDatabase implements AutoCloseable {
    private final Database database;
    private final Environment environment;
    private final Jdbi app;
    private final Jdbi crossTenant;

    public CommandDatabase(Bootstrap<AnastigConfiguration> bootstrap, AnastigConfiguration configuration) throws Exception {
        environment = new Environment(bootstrap.getApplication().getName(), bootstrap.getObjectMapper(), bootstrap.getValidatorFactory(),
            bootstrap.getMetricRegistry(), bootstrap.getClassLoader(), bootstrap.getHealthCheckRegistry(), configuration);
        database = Database.open(configuration.database());
        database.migrate(environment);
        app = database.jdbi(environment);
        crossTenant = database.crossTenantJdbi(environment);
        for (var managed : environment.lifecycle().getManagedObjects()) {
            managed.start();
        }
    }

    public Jdbi app() {
        return app;
    }

    public Jdbi crossTenant() {
        return crossTenant;
    }

    @Override
    public void close() throws Exception {
        for (var managed : environment.lifecycle().getManagedObjects()) {
            managed.stop();
        }
        if (database.embedded() != null) {
            database.embedded().close();
        }
    }

}
