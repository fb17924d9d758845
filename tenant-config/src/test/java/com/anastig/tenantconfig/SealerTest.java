package com.anastig.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealerTest {
    private static final String SECRET = "wJalrXUtnFEMI-plaintext-never-logged";
    private static final Aad AAD = Aad.forOrganization("org-1", "storage.secretAccessKey");

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        k[0] = (byte) (fill + 1);
        return k;
    }

    private static Sealer sealer(String current, Map<String, byte[]> keys) {
        return new Sealer(SealingKeys.of(current, keys));
    }

    private final Sealer k1 = sealer("k1", Map.of("k1", key(1)));

    @Test
    void roundTripsWithAFreshNoncePerValue() {
        String a = k1.seal(SECRET, AAD);
        String b = k1.seal(SECRET, AAD);
        assertThat(a).startsWith("v1:k1:").doesNotContain(SECRET).isNotEqualTo(b);
        assertThat(k1.open(a, AAD)).isEqualTo(SECRET);
        assertThat(k1.open(b, AAD)).isEqualTo(SECRET);
        byte[] body = Base64.getDecoder().decode(a.substring("v1:k1:".length()));
        assertThat(body).hasSize(12 + SECRET.length() + 16);
        assertThat(k1.open(k1.seal("", AAD), AAD)).isEmpty();
        assertThat(k1.open(k1.seal("ünïcødé ✓", AAD), AAD)).isEqualTo("ünïcødé ✓");
    }

    @Test
    void tellsTheKeyIdWithoutOpening() {
        String sealed = k1.seal(SECRET, AAD);
        assertThat(Sealer.keyIdOf(sealed)).isEqualTo("k1");
        assertThat(Sealer.isSealed(sealed)).isTrue();
        assertThat(Sealer.isSealed(SECRET)).isFalse();
        assertThat(Sealer.isSealed("v2:k1:AAAA")).isFalse();
        assertThat(k1.needsReseal(sealed)).isFalse();
    }

    @Test
    void unknownKeyIdFailsNamingTheKeyIdOnly() {
        String sealed = sealer("old", Map.of("old", key(7))).seal(SECRET, AAD);
        assertThatThrownBy(() -> k1.open(sealed, AAD))
                .isInstanceOfSatisfying(SealingException.class, e -> assertThat(e.keyId()).isEqualTo("old"))
                .hasMessageContaining("unknown key id 'old'")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(sealed.substring(7));
        assertThat(k1.unknownKeyIds(List.of(sealed, k1.seal("x", AAD)))).containsExactly("old");
    }

    @Test
    void tamperingIsDetected() {
        String sealed = k1.seal(SECRET, AAD);
        byte[] body = Base64.getDecoder().decode(sealed.substring(6));
        for (int position : new int[] {0, 11, 12, body.length - 1}) {
            byte[] changed = body.clone();
            changed[position] ^= 0x01;
            String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(changed);
            assertThatThrownBy(() -> k1.open(tampered, AAD))
                    .isInstanceOf(SealingException.class)
                    .hasMessageContaining("failed authentication")
                    .hasMessageNotContaining(SECRET);
        }
        String truncated = "v1:k1:" + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(body, 20));
        assertThatThrownBy(() -> k1.open(truncated, AAD)).isInstanceOf(SealingException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> k1.open("v1:k1:not base64!", AAD)).isInstanceOf(SealingException.class);
        assertThatThrownBy(() -> k1.open(SECRET, AAD)).isInstanceOf(SealingException.class).hasMessageNotContaining(SECRET);
    }

    @Test
    void relabellingTheKeyIdIsDetected() {
        Sealer both = sealer("k1", Map.of("k1", key(1), "k2", key(1)));
        String sealed = both.seal(SECRET, AAD);
        // the same key bytes under another id still fail: the key id is authenticated
        assertThatThrownBy(() -> both.open(sealed.replace("v1:k1:", "v1:k2:"), AAD))
                .isInstanceOf(SealingException.class).hasMessageContaining("key id 'k2'");
    }

    @Test
    void wrongAssociatedDataIsRefused() {
        String sealed = k1.seal(SECRET, AAD);
        for (Aad other : List.of(Aad.forOrganization("org-2", "storage.secretAccessKey"),
                Aad.forOrganization("org-1", "mfa.totpSecret"), Aad.of("org", "org-1"),
                Aad.of("org", "org-1|storage.secretAccessKey"))) {
            assertThatThrownBy(() -> k1.open(sealed, other)).as(other.toString())
                    .isInstanceOf(SealingException.class)
                    .hasMessageContaining("associated data")
                    .hasMessageNotContaining(SECRET);
        }
        assertThat(Aad.of("a|b", "c").encoded()).isNotEqualTo(Aad.of("a", "b|c").encoded());
    }

    @Test
    void rotationOpensOldValuesAndResealsToTheCurrentKey() {
        String underK1 = k1.seal(SECRET, AAD);
        Sealer rotated = sealer("k2", Map.of("k1", key(1), "k2", key(2)));
        assertThat(rotated.open(underK1, AAD)).isEqualTo(SECRET);
        assertThat(rotated.needsReseal(underK1)).isTrue();

        String underK2 = rotated.reseal(underK1, AAD);
        assertThat(Sealer.keyIdOf(underK2)).isEqualTo("k2");
        assertThat(rotated.open(underK2, AAD)).isEqualTo(SECRET);
        assertThat(rotated.needsReseal(underK2)).isFalse();
        assertThat(rotated.reseal(underK2, AAD)).isEqualTo(underK2);
        assertThat(rotated.seal(SECRET, AAD)).startsWith("v1:k2:");

        Sealer k2Only = sealer("k2", Map.of("k2", key(2)));
        assertThat(k2Only.open(underK2, AAD)).isEqualTo(SECRET);
        assertThat(k2Only.unknownKeyIds(List.of(underK1, underK2))).containsExactly("k1");
        assertThatThrownBy(() -> rotated.reseal(underK1, Aad.of("org", "org-2"))).isInstanceOf(SealingException.class);
    }

    @Test
    void keysComeFromBase64ConfigurationAndNeverShowInToString() {
        String k1Base64 = SealingKeys.generateKeyBase64(new SecureRandom());
        String k2Base64 = SealingKeys.generateKeyBase64(new SecureRandom());
        assertThat(Base64.getDecoder().decode(k1Base64)).hasSize(32);
        assertThat(k1Base64).isNotEqualTo(k2Base64);
        SealingConfig config = new SealingConfig("k2", Map.of("k1", k1Base64, "k2", k2Base64));
        SealingKeys keys = SealingKeys.fromConfig(config);
        assertThat(keys.currentKeyId()).isEqualTo("k2");
        assertThat(keys.keyIds()).containsExactly("k1", "k2");
        assertThat(config.toString()).contains("k1", "k2").doesNotContain(k1Base64).doesNotContain(k2Base64);
        assertThat(keys.toString()).contains("current=k2").doesNotContain(k1Base64).doesNotContain(k2Base64);
        Sealer sealer = new Sealer(keys);
        assertThat(sealer.toString()).doesNotContain(k1Base64);
        assertThat(sealer.open(sealer.seal(SECRET, AAD), AAD)).isEqualTo(SECRET);
    }

    @Test
    void readsTheConfigurationSectionAsJson() throws Exception {
        String k = SealingKeys.generateKeyBase64(new SecureRandom());
        SealingConfig config = TenantConfigJson.newObjectMapper()
                .readValue("{\"currentKeyId\":\"2025-01\",\"keys\":{\"2025-01\":\"" + k + "\"}}", SealingConfig.class);
        assertThat(SealingKeys.fromConfig(config).currentKeyId()).isEqualTo("2025-01");
    }

    @Test
    void refusesBadKeyConfigurationWithoutEchoingKeys() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SealingKeys.fromConfig(new SealingConfig("k1", Map.of("k1", shortKey))))
                .hasMessageContaining("'k1'").hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SealingKeys.fromConfig(new SealingConfig("k1", Map.of("k1", "not*base64"))))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> SealingKeys.of("k9", Map.of("k1", key(1)))).hasMessageContaining("'k9'");
        assertThatThrownBy(() -> SealingKeys.of("k:1", Map.of("k:1", key(1)))).hasMessageContaining("key id");
        assertThatThrownBy(() -> SealingKeys.fromConfig(new SealingConfig("k1", null))).hasMessageContaining("at least one");
    }
}
