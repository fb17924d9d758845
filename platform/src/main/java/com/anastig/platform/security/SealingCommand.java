package com.anastig.platform.security;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.db.CommandDatabase;
import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.tenantconfig.OutboundAllowList;
import com.anastig.tenantconfig.PublicAddressPolicy;
import com.anastig.tenantconfig.Sealer;
import com.anastig.tenantconfig.StorageSettingValidator;
import com.anastig.tenantconfig.TenantConfigLoader;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code sealing status|reseal <config>}: how many sealed values each key id holds, and moving them
 * all to the current key (after adding a new key and making it current; keep the old key configured
 * until {@code status} shows nothing left under it).
 */
public final class SealingCommand extends ConfiguredCommand<AnastigConfiguration> {
    public SealingCommand() {
        super("sealing", "Sealing key operations: 'sealing status|reseal <config.yml>'");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("status", "reseal").help("what to do");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<AnastigConfiguration> bootstrap, Namespace namespace, AnastigConfiguration configuration) throws Exception {
        Sealer sealer = SealingKeysLoader.load(configuration.sealing(), bootstrap.getObjectMapper());
        try (CommandDatabase db = new CommandDatabase(bootstrap, configuration)) {
            TenantDb tenants = new TenantDb(db.app());
            SealedValues values = new SealedValues(db.app(), tenants, new CrossTenantDb(db.crossTenant(), new AuditLog(Clock.systemUTC())),
                sealer, new TenantConfigLoader(new StorageSettingValidator(PublicAddressPolicy.withSystemResolver(OutboundAllowList.none()))));
            if ("reseal".equals(namespace.getString("action"))) {
                System.out.println("Moved to key " + sealer.currentKeyId() + ": " + values.reseal());
            }
            System.out.println("Sealed values by key id: " + values.keyIdsInUse() + " (current key: " + sealer.currentKeyId() + ")");
        }
    }
}
