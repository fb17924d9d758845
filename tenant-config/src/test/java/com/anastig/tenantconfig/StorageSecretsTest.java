package com.anastig.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageSecretsTest {
    private final TenantConfigLoader loader = new TenantConfigLoader(
            new StorageSettingValidator(Fixtures.policy(Fixtures.resolving("s3.example.com", Fixtures.PUBLIC_V4), false)));

    private static Sealer sealer(String current, Map<String, String> keys) {
        return new Sealer(SealingKeys.fromConfig(new SealingConfig(current, keys)));
    }

    @Test
    void storedJsonCarriesTheSealedSecretBoundToTheOrganization() {
        String k1 = SealingKeys.generateKeyBase64(new SecureRandom());
        Sealer sealer = sealer("k1", Map.of("k1", k1));
        StorageSetting.Byo plain = Fixtures.byo("https://s3.example.com");

        StorageSetting stored = StorageSecrets.seal(plain, sealer, "org-a");
        String json = loader.write(stored);
        assertThat(json).contains("\"secretAccessKey\":\"v1:k1:").doesNotContain(plain.secretAccessKey());

        StorageSetting readBack = loader.parseStorageSetting(json);
        assertThat(StorageSecrets.open(readBack, sealer, "org-a")).isEqualTo(plain);
        assertThatThrownBy(() -> StorageSecrets.open(readBack, sealer, "org-b")).isInstanceOf(SealingException.class);

        Sealer rotated = sealer("k2", Map.of("k1", k1, "k2", SealingKeys.generateKeyBase64(new SecureRandom())));
        StorageSetting.Byo resealed = (StorageSetting.Byo) StorageSecrets.reseal(readBack, rotated, "org-a");
        assertThat(Sealer.keyIdOf(resealed.secretAccessKey())).isEqualTo("k2");
        assertThat(StorageSecrets.open(resealed, rotated, "org-a")).isEqualTo(plain);
    }

    @Test
    void managedHasNothingToSeal() {
        Sealer sealer = sealer("k1", Map.of("k1", SealingKeys.generateKeyBase64(new SecureRandom())));
        assertThat(StorageSecrets.seal(new StorageSetting.Managed(), sealer, "org-a")).isEqualTo(new StorageSetting.Managed());
        assertThat(StorageSecrets.open(new StorageSetting.Managed(), sealer, "org-a")).isEqualTo(new StorageSetting.Managed());
    }
}
