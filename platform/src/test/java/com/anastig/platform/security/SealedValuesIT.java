package com.anastig.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.mfa.MfaService;
import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.tenantconfig.OutboundAllowList;
import com.anastig.tenantconfig.PublicAddressPolicy;
import com.anastig.tenantconfig.Sealer;
import com.anastig.tenantconfig.SealingKeys;
import com.anastig.tenantconfig.StorageProvider;
import com.anastig.tenantconfig.StorageSecrets;
import com.anastig.tenantconfig.StorageSetting;
import com.anastig.tenantconfig.StorageSettingValidator;
import com.anastig.tenantconfig.TenantConfigLoader;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Sealed values across the schema: an unknown key id stops the start, and re-sealing moves everything to the current key. */
class SealedValuesIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private final Jdbi app = DB.jdbiAsApp();
    private final TenantDb tenants = new TenantDb(app);
    private final CrossTenantDb crossTenant = new CrossTenantDb(Jdbi.create(DB.asCrossTenant()), new AuditLog(Clock.systemUTC()));
    private final TenantConfigLoader loader = new TenantConfigLoader(new StorageSettingValidator(
        PublicAddressPolicy.withSystemResolver(OutboundAllowList.none())));
    private final byte[] k1 = key();
    private final byte[] k2 = key();

    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private SealedValues values(Sealer sealer) {
        return new SealedValues(app, tenants, crossTenant, sealer, loader);
    }

    @Test
    void anUnknownKeyStopsTheStartAndReSealingMovesEverySealedValue() {
        Sealer old = new Sealer(SealingKeys.of("k1", Map.of("k1", k1)));
        UUID account = UUID.randomUUID();
        app.useHandle(h -> h.createUpdate("INSERT INTO account (id, email, email_normalized, name, password_hash, password_changed_at,"
                + " country, language, status, created_at, updated_at, totp_secret_sealed) VALUES (:id, :e, :e, 'Sealed', 'x', now(), 'DE',"
                + " 'de', 'active', now(), now(), :totp)")
            .bind("id", account).bind("e", account + "@example.test").bind("totp", old.seal("JBSWY3DPEHPK3PXP", MfaService.aad(account, "active")))
            .execute());
        OrgId org = OrgId.random();
        StorageSetting byo = new StorageSetting.Byo(StorageProvider.S3, "https://s3.example.com", "eu-central-1", "bucket", null, false,
            "AKIAEXAMPLE", "secret-value-1234567890");
        tenants.inOrg(org, account, t -> {
            t.handle().createUpdate("INSERT INTO organization (id, name, created_at, created_by) VALUES (:id, 'Sealed', now(), :a)")
                .bind("id", org.value()).bind("a", account).execute();
            return t.handle().createUpdate("INSERT INTO org_storage (org_id, setting, version, updated_at) VALUES (:id, :s, 1, now())")
                .bind("id", org.value()).bind("s", loader.write(StorageSecrets.seal(byo, old, org.toString()))).execute();
        });

        Sealer lost = new Sealer(SealingKeys.of("k2", Map.of("k2", k2)));
        assertThatThrownBy(() -> values(lost).requireKnownKeys())
            .hasMessageContaining("[k1]").hasMessageNotContaining("secret-value").hasMessageNotContaining("JBSWY3DP");

        Sealer rotated = new Sealer(SealingKeys.of("k2", Map.of("k1", k1, "k2", k2)));
        values(rotated).requireKnownKeys();
        assertThat(values(rotated).keyIdsInUse()).containsEntry("k1", 2L);
        Map<String, Integer> moved = values(rotated).reseal();
        assertThat(moved).containsEntry("totp", 1).containsEntry("storage", 1);
        assertThat(values(rotated).keyIdsInUse()).containsOnlyKeys("k2");
        assertThat(values(rotated).reseal().values()).allMatch(n -> n == 0);

        // the old key can go now: everything opens with the new one alone
        values(lost).requireKnownKeys();
        String totp = app.withHandle(h -> h.createQuery("SELECT totp_secret_sealed FROM account WHERE id = :id").bind("id", account)
            .mapTo(String.class).one());
        assertThat(lost.open(totp, MfaService.aad(account, "active"))).isEqualTo("JBSWY3DPEHPK3PXP");
        String setting = tenants.inOrg(org, null, t -> t.handle().createQuery("SELECT setting FROM org_storage").mapTo(String.class).one());
        StorageSetting opened = StorageSecrets.open(loader.parseStorageSetting(setting), lost, org.toString());
        assertThat(((StorageSetting.Byo) opened).secretAccessKey()).isEqualTo("secret-value-1234567890");
    }
}
