package com.anastig.tenantconfig;

/**
 * Seals and opens the secret of a bring-your-own storage setting, bound to the organization and the
 * field, so the stored JSON carries {@code v1:<keyId>:...} instead of the secret.
 */
public final class StorageSecrets {
    public static final String SECRET_FIELD = "storage.secretAccessKey";

    private StorageSecrets() {
    }

    public static Aad aad(String orgId) {
        return Aad.forOrganization(orgId, SECRET_FIELD);
    }

    /** The setting as stored: a BYO secret sealed for this organization; managed is unchanged. */
    public static StorageSetting seal(StorageSetting setting, Sealer sealer, String orgId) {
        if (setting instanceof StorageSetting.Byo byo) {
            return byo.withSecretAccessKey(sealer.seal(byo.secretAccessKey(), aad(orgId)));
        }
        return setting;
    }

    /** The setting as used: the sealed BYO secret opened (fails for another organization's value). */
    public static StorageSetting open(StorageSetting setting, Sealer sealer, String orgId) {
        if (setting instanceof StorageSetting.Byo byo) {
            return byo.withSecretAccessKey(sealer.open(byo.secretAccessKey(), aad(orgId)));
        }
        return setting;
    }

    /** The stored setting moved to the current key (for the re-seal job). */
    public static StorageSetting reseal(StorageSetting setting, Sealer sealer, String orgId) {
        if (setting instanceof StorageSetting.Byo byo) {
            return byo.withSecretAccessKey(sealer.reseal(byo.secretAccessKey(), aad(orgId)));
        }
        return setting;
    }
}
