package com.anastig.platform.tenant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Organizations, memberships, API tokens and sub-resources written straight into the database as
 * the superuser (bypassing row-level security, and independent of the members and tokens APIs), so
 * a test can afford a fresh organization per case. Also the row snapshots that prove a request left
 * an organization untouched.
 */
final class TenantFixtures {
    private final Jdbi superuser;
    private final OrgBoundToken apiTokens = new OrgBoundToken("anastig_");

    TenantFixtures(DataSource superuser) {
        this.superuser = Jdbi.create(superuser);
    }

    /** An organization, its members by account, and one API token per role (created by {@code tokenCreator}). */
    record Tenant(OrgId org, Map<Role, String> tokens) {
        String id() {
            return org.toString();
        }
    }

    /**
     * A new organization with these members; an API token for each of {@code tokenRoles}, created by
     * {@code tokenCreator} (who must be a member whose role is at least each token's).
     */
    Tenant create(Map<UUID, Role> members, UUID tokenCreator, Role... tokenRoles) {
        OrgId org = new OrgId(UUID.randomUUID());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        superuser.useTransaction(h -> {
            h.createUpdate("INSERT INTO organization (id, name, created_at, created_by) VALUES (:id, :name, :now, :by)")
                .bind("id", org.value()).bind("name", "Matrix " + org.value().toString().substring(0, 8)).bind("now", now)
                .bind("by", tokenCreator).execute();
            members.forEach((account, role) -> h.createUpdate(
                    "INSERT INTO membership (org_id, account_id, role, joined_at) VALUES (:org, :account, :role, :now)")
                .bind("org", org.value()).bind("account", account).bind("role", role.wire()).bind("now", now).execute());
            for (Role role : tokenRoles) {
                OrgBoundToken.Issued issued = apiTokens.issue(org);
                insertToken(h, org, role, issued.hash(), tokenCreator);
                tokens.put(role, issued.token());
            }
        });
        return new Tenant(org, tokens);
    }

    /** A pending invitation of the organization (a sub-resource to revoke). */
    UUID invitation(OrgId org, UUID invitedBy) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        superuser.useHandle(h -> h.createUpdate("INSERT INTO invitation (id, org_id, email_normalized, role, token_hash, invited_by,"
                + " created_at, expires_at) VALUES (:id, :org, :email, 'viewer', :hash, :by, :now, :expires)")
            .bind("id", id).bind("org", org.value()).bind("email", "invitee-" + id + "@example.test").bind("hash", randomHash())
            .bind("by", invitedBy).bind("now", now).bind("expires", now.plus(7, ChronoUnit.DAYS)).execute());
        return id;
    }

    /** An API token row nobody holds the secret of (a sub-resource to revoke). */
    UUID token(OrgId org, UUID createdBy) {
        return superuser.inTransaction(h -> insertToken(h, org, Role.VIEWER, randomHash(), createdBy));
    }

    /** Whether no job of the organization is queued or running. */
    boolean jobsIdle(OrgId org) {
        return superuser.withHandle(h -> h.createQuery("SELECT NOT EXISTS (SELECT 1 FROM job WHERE org_id = :org AND status IN ('queued', 'running'))")
            .bind("org", org.value()).mapTo(Boolean.class).one());
    }

    /** A detection project with one label class "car". */
    UUID project(OrgId org) {
        UUID id = UUID.randomUUID();
        superuser.useTransaction(h -> {
            h.createUpdate("INSERT INTO project (id, org_id, name, type, created_at, updated_at) VALUES (:id, :org, :name, 'detection', now(), now())")
                .bind("id", id).bind("org", org.value()).bind("name", "Matrix " + id).execute();
            h.createUpdate("INSERT INTO label_class (id, org_id, project_id, name, color, position) VALUES (:id, :org, :p, 'car', '#ff0000', 0)")
                .bind("id", UUID.randomUUID()).bind("org", org.value()).bind("p", id).execute();
        });
        return id;
    }

    /** A direct upload started in a new project and never sent: "project|upload". */
    String upload(OrgId org) {
        UUID project = project(org);
        UUID id = UUID.randomUUID();
        superuser.useTransaction(h -> h.createUpdate("INSERT INTO image_upload (id, org_id, project_id, object_key, filename, media_type,"
                + " size_bytes, sha256, created_at, expires_at) VALUES (:id, :org, :p, :key, 'a.png', 'image/png', 10, :sha, now(),"
                + " now() + interval '1 hour')")
            .bind("id", id).bind("org", org.value()).bind("p", project).bind("key", "projects/" + project + "/uploads/" + id)
            .bind("sha", "0".repeat(64)).execute());
        return project + "|" + id;
    }

    /** An export that failed (its job too), in a new project: "project|export". */
    String export(OrgId org) {
        UUID project = project(org);
        UUID id = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        superuser.useTransaction(h -> {
            h.createUpdate("INSERT INTO job (id, org_id, kind, subject_id, status, run_after, created_at, updated_at, finished_at)"
                    + " VALUES (:id, :org, 'workspace.export', :subject, 'failed', now(), now(), now(), now())")
                .bind("id", job).bind("org", org.value()).bind("subject", id).execute();
            h.createUpdate("INSERT INTO dataset_export (id, org_id, project_id, job_id, format, include_images, status, created_at)"
                    + " VALUES (:id, :org, :p, :job, 'coco', false, 'failed', now())")
                .bind("id", id).bind("org", org.value()).bind("p", project).bind("job", job).execute();
        });
        return project + "|" + id;
    }

    /** An import that failed (its job too), in a new project: "project|import". */
    String importOf(OrgId org) {
        UUID project = project(org);
        UUID id = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        superuser.useTransaction(h -> {
            h.createUpdate("INSERT INTO job (id, org_id, kind, subject_id, status, run_after, created_at, updated_at, finished_at)"
                    + " VALUES (:id, :org, 'workspace.import', :subject, 'failed', now(), now(), now(), now())")
                .bind("id", job).bind("org", org.value()).bind("subject", id).execute();
            h.createUpdate("INSERT INTO dataset_import (id, org_id, project_id, job_id, source_key, source_owned, status, created_at)"
                    + " VALUES (:id, :org, :p, :job, 'x.zip', false, 'failed', now())")
                .bind("id", id).bind("org", org.value()).bind("p", project).bind("job", job).execute();
        });
        return project + "|" + id;
    }

    /** A failed storage migration and its job (readable; its source cannot be purged: 409). */
    UUID migration(OrgId org, UUID createdBy) {
        UUID id = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        Instant now = Instant.now();
        superuser.useTransaction(h -> {
            h.createUpdate("INSERT INTO job (id, org_id, kind, subject_id, status, run_after, created_at, updated_at, finished_at)"
                    + " VALUES (:id, :org, 'storage.migrate', :subject, 'failed', :now, :now, :now, :now)")
                .bind("id", job).bind("org", org.value()).bind("subject", id).bind("now", now).execute();
            h.createUpdate("INSERT INTO storage_migration (id, org_id, job_id, status, source_setting, target_setting, created_by,"
                    + " created_at, finished_at) VALUES (:id, :org, :job, 'failed', '{}', '{}', :by, :now, :now)")
                .bind("id", id).bind("org", org.value()).bind("job", job).bind("by", createdBy).bind("now", now).execute();
        });
        return id;
    }

    /** Every row of the organization, in every table that has an {@code org_id} (and its own row), as text. */
    Map<String, List<String>> snapshot(OrgId org) {
        return superuser.withHandle(h -> {
            Map<String, List<String>> out = new TreeMap<>();
            out.put("organization", rows(h, "SELECT * FROM organization WHERE id = :org", org));
            for (String table : orgTables(h)) {
                out.put(table, rows(h, "SELECT * FROM \"" + table + "\" WHERE org_id = :org", org));
            }
            return out;
        });
    }

    /** Tables and views of the public schema with an {@code org_id} column; picks up tables added later. */
    static List<String> orgTables(Handle h) {
        return h.createQuery("SELECT c.table_name FROM information_schema.columns c WHERE c.table_schema = 'public'"
                + " AND c.column_name = 'org_id' ORDER BY c.table_name")
            .mapTo(String.class).list();
    }

    private static List<String> rows(Handle h, String sql, OrgId org) {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> row : h.createQuery(sql).bind("org", org.value()).mapToMap().list()) {
            Map<String, String> text = new LinkedHashMap<>();
            row.forEach((k, v) -> text.put(k, v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)));
            rows.add(text.toString());
        }
        rows.sort(String::compareTo);
        return rows;
    }

    private static UUID insertToken(Handle h, OrgId org, Role role, byte[] hash, UUID createdBy) {
        UUID id = UUID.randomUUID();
        h.createUpdate("INSERT INTO api_token (id, org_id, name, role, token_hash, created_by, created_at)"
                + " VALUES (:id, :org, :name, :role, :hash, :by, :now)")
            .bind("id", id).bind("org", org.value()).bind("name", "matrix " + role.wire()).bind("role", role.wire())
            .bind("hash", hash).bind("by", createdBy).bind("now", Instant.now()).execute();
        return id;
    }

    private static byte[] randomHash() {
        return OrgBoundToken.sha256(UUID.randomUUID().toString());
    }
}
