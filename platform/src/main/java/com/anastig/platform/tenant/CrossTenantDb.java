package com.anastig.platform.tenant;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The one way to work across organizations: transactions as the separate cross-tenant role (its own
 * row-level policies; the application role is not a member of it and cannot {@code SET ROLE} to it).
 * Only a few named services hold one (operator views, the job queue's claims, audit chain checks),
 * never an organization request's resources. Every call writes a {@code cross_tenant.<purpose>}
 * event into the platform's audit chain in the same transaction.
 */
public final class CrossTenantDb {
    private final Jdbi jdbi;
    private final AuditLog audit;

    public CrossTenantDb(Jdbi jdbi, AuditLog audit) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.audit = Objects.requireNonNull(audit);
    }

    /** Runs audited work across tenants; {@code purpose} is a short lower-case word naming the service. */
    public <T> T call(String purpose, Actor actor, AuditEntry about, Work<T> work) {
        return jdbi.inTransaction(h -> {
            T result = work.run(h);
            AuditEntry entry = new AuditEntry("cross_tenant." + purpose, about.targetType(), about.targetId(), about.reason(),
                about.details());
            audit.append(h, OrgId.PLATFORM, actor, entry);
            return result;
        });
    }

    /**
     * Work whose result decides whether it touched tenant data: the job queue's poll finds nothing
     * most of the time, and only a claim is audited ({@link Outcome#audit} non-null).
     */
    public <T> T poll(String purpose, Actor actor, PollWork<T> work) {
        return jdbi.inTransaction(h -> {
            Outcome<T> outcome = work.run(h);
            if (outcome.audit() != null) {
                AuditEntry a = outcome.audit();
                audit.append(h, OrgId.PLATFORM, actor,
                    new AuditEntry("cross_tenant." + purpose, a.targetType(), a.targetId(), a.reason(), a.details()));
            }
            return outcome.result();
        });
    }

    /** A poll's result and, when it touched tenant data, what to audit. */
    public record Outcome<T>(T result, AuditEntry audit) {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Handle h);
    }

    @FunctionalInterface
    public interface PollWork<T> {
        Outcome<T> run(Handle h);
    }
}
