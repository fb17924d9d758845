package com.anastig.platform.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our TOTP against an independent implementation, the Debian oathtool. */
class OathtoolTotpIT {
    private final Totp totp = new Totp();

    @BeforeEach
    void needsOathtool() {
        Oathtool.require();
    }

    @Test
    void codesAgreeWithOathtool() throws Exception {
        for (int i = 0; i < 5; i++) {
            String secret = totp.newSecret();
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 977L);
            String theirs = Oathtool.code(secret, at);
            assertThat(totp.codeAt(secret, at)).isEqualTo(theirs);
            assertThat(totp.verify(secret, theirs, at, 0)).isPresent();
        }
    }
}
