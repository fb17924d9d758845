package com.anastig.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {
    @Test
    void neverPrintsSecrets() {
        ProviderSettings s = new ProviderSettings(Map.of("bucket", "b"), Map.of("secretAccessKey", "s3cr3t"));
        assertThat(s.toString()).contains("bucket").contains("secretAccessKey").doesNotContain("s3cr3t");
        assertThat(s.requiredSecret("secretAccessKey")).isEqualTo("s3cr3t");
    }

    @Test
    void typedAccessorsNameTheSetting() {
        ProviderSettings s = ProviderSettings.of(Map.of("pathStyle", "maybe", "timeout", "PT3S", "n", "12"));
        assertThatThrownBy(() -> s.bool("pathStyle", false)).hasMessageContaining("pathStyle");
        assertThatThrownBy(() -> s.required("bucket")).hasMessageContaining("bucket");
        assertThat(s.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.longValue("n", 0)).isEqualTo(12);
    }

    @Test
    void byteRangesResolveAgainstSize() {
        assertThat(ByteRange.of(10, 19).length(100)).isEqualTo(10);
        assertThat(ByteRange.from(90).length(100)).isEqualTo(10);
        assertThat(ByteRange.lastBytes(5).firstByte(100)).isEqualTo(95);
        assertThat(ByteRange.of(0, 1000).lastByte(100)).isEqualTo(99);
        assertThat(ByteRange.from(100).isSatisfiable(100)).isFalse();
        assertThat(ByteRange.lastBytes(5).toHttpHeader()).isEqualTo("bytes=-5");
    }
}
