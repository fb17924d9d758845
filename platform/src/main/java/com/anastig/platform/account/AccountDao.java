package com.anastig.platform.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Accounts (people; not tenant data). */
@RegisterConstructorMapper(AccountRow.class)
public interface AccountDao {

    @SqlQuery("SELECT * FROM account WHERE id = :id")
    Optional<AccountRow> find(@Bind("id") UUID id);

    @SqlQuery("SELECT * FROM account WHERE email_normalized = :normalized")
    Optional<AccountRow> findByEmail(@Bind("normalized") String normalized);

    /** Inserts unless the normalised email is taken; returns whether it was inserted. */
    @SqlUpdate("INSERT INTO account (id, email, email_normalized, name, password_hash, password_changed_at, organization_name,"
        + " country, industry, intended_use, job_role, language, status, created_at, updated_at)"
        + " VALUES (:id, :email, :emailNormalized, :name, :passwordHash, :createdAt, :organizationName,"
        + " :country, :industry, :intendedUse, :jobRole, :language, 'unverified', :createdAt, :createdAt)"
        + " ON CONFLICT (email_normalized) DO NOTHING")
    boolean insert(@BindMethods NewAccount account);

    @SqlUpdate("UPDATE account SET email_verified_at = :at, status = CASE WHEN status = 'unverified' THEN 'active' ELSE status END,"
        + " updated_at = :at WHERE id = :id AND email_verified_at IS NULL")
    int markVerified(@Bind("id") UUID id, @Bind("at") Instant at);

    /** What a new account starts with. */
    record NewAccount(UUID id, String email, String emailNormalized, String name, String passwordHash, String organizationName,
                      String country, String industry, String intendedUse, String jobRole, String language, Instant createdAt) {
        @Override
        public String toString() {
            return "NewAccount[" + id + "]";
        }
    }
}
