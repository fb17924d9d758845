package com.anastig.platform.security;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.mail.MailOutbox;
import com.anastig.platform.mfa.MfaService;
import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.tenantconfig.Sealer;
import com.anastig.tenantconfig.StorageSecrets;
import com.anastig.tenantconfig.StorageSetting;
import com.anastig.tenantconfig.TenantConfigLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Every value sealed at rest, in one place: accounts' TOTP secrets, queued mail, and organizations'
 * storage settings (current and in migrations). Start-up refuses when any names a key id the
 * configuration lacks ({@link #requireKnownKeys}); {@link #reseal} moves them all to the current key.
 * Storage settings are organization data: they are found through the cross-tenant role and rewritten
 * inside each organization's own scope.
 */
public final class SealedValues {
    private final Jdbi app;
    private final TenantDb tenants;
    private final CrossTenantDb crossTenant;
    private final Sealer sealer;
    private final TenantConfigLoader loader;

    public SealedValues(Jdbi app, TenantDb tenants, CrossTenantDb crossTenant, Sealer sealer, TenantConfigLoader loader) {
        this.app = app;
        this.tenants = tenants;
        this.crossTenant = crossTenant;
        this.sealer = sealer;
        this.loader = loader;
    }

    /** How many sealed values name each key id. */
    public Map<String, Long> keyIdsInUse() {
        Map<String, Long> counts = new TreeMap<>();
        sealedValues().forEach(v -> counts.merge(Sealer.keyIdOf(v), 1L, Long::sum));
        return counts;
    }

    private List<String> sealedValues() {
        List<String> values = new ArrayList<>(app.withHandle(h -> h.createQuery(
                "SELECT totp_secret_sealed FROM account WHERE totp_secret_sealed IS NOT NULL UNION ALL"
                + " SELECT totp_pending_sealed FROM account WHERE totp_pending_sealed IS NOT NULL UNION ALL"
                + " SELECT sealed_message FROM mail_outbox WHERE sealed_message IS NOT NULL")
            .mapTo(String.class).list()));
        for (StoredSetting s : storageSettings()) {
            if (loader.parseStorageSetting(s.json()) instanceof StorageSetting.Byo byo) {
                values.add(byo.secretAccessKey());
            }
        }
        return values;
    }

    /** Refuses (naming only key ids, never values) when a sealed value needs a key the configuration lacks. */
    public void requireKnownKeys() {
        Set<String> unknown = sealer.unknownKeyIds(sealedValues());
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("sealed values reference sealing key id(s) " + unknown
                + " that the configuration does not have: add them to sealing.keys (restore them from the key backup) before starting");
        }
    }

    /** Moves every sealed value to the current key; returns how many moved, by kind. */
    public Map<String, Integer> reseal() {
        Map<String, Integer> moved = new LinkedHashMap<>();
        moved.put("totp", app.inTransaction(h -> {
            int n = 0;
            for (Map<String, Object> row : h.createQuery("SELECT id, totp_secret_sealed, totp_pending_sealed FROM account"
                    + " WHERE totp_secret_sealed IS NOT NULL OR totp_pending_sealed IS NOT NULL FOR UPDATE").mapToMap().list()) {
                UUID id = (UUID) row.get("id");
                n += resealColumn(h, id, "totp_secret_sealed", (String) row.get("totp_secret_sealed"), MfaService.aad(id, "active"));
                n += resealColumn(h, id, "totp_pending_sealed", (String) row.get("totp_pending_sealed"), MfaService.aad(id, "pending"));
            }
            return n;
        }));
        moved.put("mail", app.inTransaction(h -> {
            int n = 0;
            for (Map<String, Object> row : h.createQuery("SELECT id, sealed_message FROM mail_outbox WHERE sealed_message IS NOT NULL FOR UPDATE")
                    .mapToMap().list()) {
                String value = (String) row.get("sealed_message");
                if (sealer.needsReseal(value)) {
                    h.createUpdate("UPDATE mail_outbox SET sealed_message = :v WHERE id = :id")
                        .bind("v", sealer.reseal(value, MailOutbox.aad((UUID) row.get("id")))).bind("id", row.get("id")).execute();
                    n++;
                }
            }
            return n;
        }));
        int storage = 0;
        for (StoredSetting s : storageSettings()) {
            StorageSetting parsed = loader.parseStorageSetting(s.json());
            if (parsed instanceof StorageSetting.Byo byo && sealer.needsReseal(byo.secretAccessKey())) {
                String json = loader.write(StorageSecrets.reseal(parsed, sealer, s.org().toString()));
                tenants.inOrg(s.org(), null, t -> t.handle().createUpdate("UPDATE " + s.table() + " SET " + s.column() + " = :v"
                        + " WHERE " + s.key() + " = :id").bind("v", json).bind("id", s.id()).execute());
                storage++;
            }
        }
        moved.put("storage", storage);
        return moved;
    }

    private int resealColumn(org.jdbi.v3.core.Handle h, UUID id, String column, String value, com.anastig.tenantconfig.Aad aad) {
        if (value == null || !sealer.needsReseal(value)) {
            return 0;
        }
        h.createUpdate("UPDATE account SET " + column + " = :v WHERE id = :id").bind("v", sealer.reseal(value, aad)).bind("id", id).execute();
        return 1;
    }

    /** A stored storage setting: where it is (table, column, key) and its organization. */
    private record StoredSetting(OrgId org, String table, String column, String key, UUID id, String json) {
    }

    private List<StoredSetting> storageSettings() {
        return crossTenant.call("sealed_values", Actor.system(), AuditEntry.of("sealed_values", "sealing", "storage"), h -> {
            List<StoredSetting> all = new ArrayList<>();
            h.createQuery("SELECT org_id, setting FROM org_storage").map((rs, ctx) -> new StoredSetting(new OrgId(rs.getObject(1, UUID.class)),
                "org_storage", "setting", "org_id", rs.getObject(1, UUID.class), rs.getString(2))).forEach(all::add);
            h.createQuery("SELECT org_id, id, source_setting, target_setting FROM storage_migration").map((rs, ctx) -> List.of(
                new StoredSetting(new OrgId(rs.getObject(1, UUID.class)), "storage_migration", "source_setting", "id", rs.getObject(2, UUID.class),
                    rs.getString(3)),
                new StoredSetting(new OrgId(rs.getObject(1, UUID.class)), "storage_migration", "target_setting", "id", rs.getObject(2, UUID.class),
                    rs.getString(4)))).forEach(all::addAll);
            return all;
        });
    }
}
