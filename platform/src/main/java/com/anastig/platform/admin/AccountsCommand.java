package com.anastig.platform.admin;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.account.EmailAddress;
import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.db.CommandDatabase;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code accounts grant-operator|revoke-operator EMAIL <config>}: the only way to make an account an
 * operator (never through the API). Audited in the platform's chain.
 */
public final class AccountsCommand extends ConfiguredCommand<AnastigConfiguration> {
    public AccountsCommand() {
        super("accounts", "Account operations: 'accounts grant-operator|revoke-operator EMAIL <config.yml>'");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("grant-operator", "revoke-operator").help("what to do");
        subparser.addArgument("email").help("the account's e-mail address");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<AnastigConfiguration> bootstrap, Namespace namespace, AnastigConfiguration configuration) throws Exception {
        boolean grant = "grant-operator".equals(namespace.getString("action"));
        try (CommandDatabase db = new CommandDatabase(bootstrap, configuration)) {
            Optional<UUID> changed = setOperator(db.app(), namespace.getString("email"), grant);
            if (changed.isEmpty()) {
                System.err.println("No active, verified account has that e-mail address.");
                throw new IllegalStateException("no such account");
            }
            System.out.println((grant ? "Granted" : "Revoked") + " the operator flag: account " + changed.get());
        }
    }

    /** Sets or clears the flag of an active, verified account; empty when there is none. */
    public static Optional<UUID> setOperator(org.jdbi.v3.core.Jdbi app, String email, boolean operator) {
        String normalized = EmailAddress.normalize(email == null ? "" : email.strip());
        TenantDb tenants = new TenantDb(app);
        AuditLog audit = new AuditLog(Clock.systemUTC());
        return app.inTransaction(h -> {
            Optional<UUID> id = h.createQuery("UPDATE account SET operator = :op, updated_at = now() WHERE email_normalized = :email"
                    + " AND status = 'active' AND email_verified_at IS NOT NULL RETURNING id")
                .bind("op", operator).bind("email", normalized).mapTo(UUID.class).findOne();
            id.ifPresent(account -> audit.append(tenants.enter(h, OrgId.PLATFORM, null), Actor.system(),
                AuditEntry.of(operator ? "operator.granted" : "operator.revoked", "account", account).withReason("platform command")));
            return id;
        });
    }
}
