package com.anastig.platform.db;

import com.anastig.platform.AnastigConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code db migrate <config>}: applies pending migrations and exits (the server does the same at
 * start-up). Starts the embedded database first when the configuration uses it.
 */
public final class DbCommand extends ConfiguredCommand<AnastigConfiguration> {
    public DbCommand() {
        super("db", "Database operations: 'db migrate <config.yml>' applies pending migrations");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate").help("what to do");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<AnastigConfiguration> bootstrap, Namespace namespace, AnastigConfiguration configuration) throws Exception {
        Environment environment = new Environment(bootstrap.getApplication().getName(), bootstrap.getObjectMapper(),
            bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(), bootstrap.getClassLoader(),
            bootstrap.getHealthCheckRegistry(), configuration);
        Database database = Database.open(configuration.database());
        try {
            int applied = database.migrate(environment);
            System.out.println("Database migrated: " + applied + " changeset(s) applied.");
        } finally {
            if (database.embedded() != null) {
                database.embedded().close();
            }
        }
    }
}
