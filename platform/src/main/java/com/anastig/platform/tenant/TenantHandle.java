package com.anastig.platform.tenant;

import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * A database handle inside a transaction that row-level security confines to one organization. Only
 * {@link TenantDb} makes them; DAO methods on tenant data take one, so they cannot run unscoped.
 */
public final class TenantHandle {
    private final Handle handle;
    private final OrgId org;

    TenantHandle(Handle handle, OrgId org) {
        this.handle = Objects.requireNonNull(handle);
        this.org = Objects.requireNonNull(org);
    }

    public Handle handle() {
        return handle;
    }

    public OrgId org() {
        return org;
    }

    /** A JDBI SQL object attached to this transaction. */
    public <T> T attach(Class<T> dao) {
        return handle.attach(dao);
    }
}
