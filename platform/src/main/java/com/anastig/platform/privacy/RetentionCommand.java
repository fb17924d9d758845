package com.anastig.platform.privacy;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.db.CommandDatabase;
import com.anastig.platform.tenant.CrossTenantDb;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code retention report <config>}: every retention category, its period, rows held and past the period, the oldest row. */
public final class RetentionCommand extends ConfiguredCommand<AnastigConfiguration> {
    public RetentionCommand() {
        super("retention", "Retention of personal and technical data: 'retention report <config.yml>'");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("report").help("what to do");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<AnastigConfiguration> bootstrap, Namespace namespace, AnastigConfiguration configuration) throws Exception {
        try (CommandDatabase db = new CommandDatabase(bootstrap, configuration)) {
            Clock clock = Clock.systemUTC();
            new RetentionReport(db.app(), new CrossTenantDb(db.crossTenant(), new AuditLog(clock)), configuration.retention(), clock)
                .print(System.out);
        }
    }
}
