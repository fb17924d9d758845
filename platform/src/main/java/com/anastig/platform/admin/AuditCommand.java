package com.anastig.platform.admin;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.audit.AuditVerifier;
import com.anastig.platform.db.CommandDatabase;
import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.tenant.OrgId;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code audit verify [--org ORGID] <config>}: walks every audit chain (or one) and prints, per chain,
 * its length or its first broken link; exits non-zero when any chain is broken.
 */
public final class AuditCommand extends ConfiguredCommand<AnastigConfiguration> {
    public AuditCommand() {
        super("audit", "Audit trail operations: 'audit verify [--org ORGID] <config.yml>'");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("verify").help("what to do");
        subparser.addArgument("--org").dest("org").help("only this organization's chain (the nil UUID is the platform's)");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<AnastigConfiguration> bootstrap, Namespace namespace, AnastigConfiguration configuration) throws Exception {
        try (CommandDatabase db = new CommandDatabase(bootstrap, configuration)) {
            String org = namespace.getString("org");
            int broken = verify(db.crossTenant(), org == null ? null : OrgId.parse(org).orElseThrow(() -> new IllegalArgumentException("not an org id")),
                System.out);
            if (broken > 0) {
                throw new IllegalStateException(broken + " audit chain(s) broken");
            }
        }
    }

    /** Verifies the chains and prints one line each; returns how many are broken. */
    public static int verify(org.jdbi.v3.core.Jdbi crossTenantRole, OrgId only, PrintStream out) {
        CrossTenantDb crossTenant = new CrossTenantDb(crossTenantRole, new AuditLog(Clock.systemUTC()));
        AuditVerifier verifier = new AuditVerifier();
        return crossTenant.call("audit_verify", Actor.system(), AuditEntry.of("audit_verify", "chain", only == null ? "all" : only.toString()),
            h -> {
                List<UUID> chains = only != null ? List.of(only.value())
                    : h.createQuery("SELECT org_id FROM audit_head ORDER BY org_id").mapTo(UUID.class).list();
                int broken = 0;
                for (UUID chain : chains) {
                    AuditVerifier.Result r = verifier.verify(h, new OrgId(chain));
                    if (r.ok()) {
                        out.println(chain + " ok " + r.events() + " events");
                    } else {
                        broken++;
                        out.println(chain + " BROKEN at event " + r.broken().get().seq() + ": " + r.broken().get().problem());
                    }
                }
                return broken;
            });
    }
}
