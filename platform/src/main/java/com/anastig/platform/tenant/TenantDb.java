package com.anastig.platform.tenant;

import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Transactions as the application role with row-level security keyed on transaction-local settings
 * ({@code set_config(..., true)}), so the scope ends with the transaction and never leaks to the
 * next user of the pooled connection.
 */
public final class TenantDb {
    private final Jdbi jdbi;

    public TenantDb(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi);
    }

    /** Work of a request in its organization. */
    public <T> T inOrg(OrgScope scope, Work<T> work) {
        return inOrg(scope.org(), scope.principal().accountId(), work);
    }

    /**
     * Work in one organization on behalf of an account that may not be a member yet (accepting an
     * invitation, creating the organization) or of nobody (a job: {@code accountId} null).
     */
    public <T> T inOrg(OrgId org, UUID accountId, Work<T> work) {
        return jdbi.inTransaction(h -> {
            scope(h, org.value(), accountId);
            return work.run(new TenantHandle(h, org));
        });
    }

    /**
     * Work in one organization inside a single repeatable-read transaction: every query of it sees one
     * snapshot of the data, however long it runs (a dataset export's several passes).
     */
    public <T> T inOrgSnapshot(OrgId org, Work<T> work) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            scope(h, org.value(), null);
            return work.run(new TenantHandle(h, org));
        });
    }

    /**
     * Puts an open transaction into an organization's scope for the rest of that transaction (for
     * work that joins a larger one, such as creating the first organization when an e-mail address
     * is verified). The caller must be inside an explicit transaction.
     */
    public TenantHandle enter(Handle h, OrgId org, UUID accountId) {
        if (!h.isInTransaction()) {
            throw new IllegalStateException("a scope needs an explicit transaction");
        }
        scope(h, org.value(), accountId);
        return new TenantHandle(h, org);
    }

    /**
     * Work with no organization set: row-level security then shows only the account's own
     * memberships and their organizations (listing "my organizations", resolving a role).
     */
    public <T> T asAccount(UUID accountId, AccountWork<T> work) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbi.inTransaction(h -> {
            scope(h, null, accountId);
            return work.run(h);
        });
    }

    private static void scope(Handle h, UUID org, UUID account) {
        h.createQuery("SELECT set_config('anastig.org_id', :org, true) AS org, set_config('anastig.account_id', :account, true) AS account")
            .bind("org", org == null ? "" : org.toString())
            .bind("account", account == null ? "" : account.toString())
            .mapToMap().one();
    }

    /** Work inside an organization's transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(TenantHandle t);
    }

    /** Work inside an account-scoped transaction. */
    @FunctionalInterface
    public interface AccountWork<T> {
        T run(Handle h);
    }
}
