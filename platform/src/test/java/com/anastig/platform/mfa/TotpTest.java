package com.anastig.platform.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
    private final Totp totp = new Totp();
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238Sha1Vectors() {
        long[][] vectors = {{59, 94287082}, {1111111109, 7081804}, {1111111111, 14050471}, {1234567890, 89005924},
            {2000000000, 69279037}, {20000000000L, 65353130}};
        for (long[] v : vectors) {
            long step = v[0] / 30;
            assertThat(Totp.code(RFC_KEY, step, 8)).isEqualTo(String.format("%08d", v[1]));
            assertThat(Totp.code(RFC_KEY, step, 6)).isEqualTo(String.format("%08d", v[1]).substring(2));
        }
    }

    @Test
    void acceptsOneStepEitherWayAndNeverTheSameStepTwice() {
        String secret = Base32.encode(RFC_KEY);
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = 1111111111 / 30;
        String current = totp.codeAt(secret, now);
        assertThat(totp.verify(secret, current, now, 0)).hasValue(step);
        assertThat(totp.verify(secret, current, now, step)).isEmpty();
        assertThat(totp.verify(secret, totp.codeAt(secret, now.minusSeconds(30)), now, 0)).hasValue(step - 1);
        assertThat(totp.verify(secret, totp.codeAt(secret, now.plusSeconds(30)), now, 0)).hasValue(step + 1);
        assertThat(totp.verify(secret, totp.codeAt(secret, now.minusSeconds(60)), now, 0)).isEmpty();
        assertThat(totp.verify(secret, totp.codeAt(secret, now.minusSeconds(30)), now, step)).isEmpty();
    }

    @Test
    void malformedCodesAreRefusedWithoutComputing() {
        String secret = totp.newSecret();
        Instant now = Instant.now();
        for (String bad : new String[] {null, "", "12345", "1234567", "12a456", "١٢٣٤٥٦", "x".repeat(1_000_000)}) {
            assertThat(totp.verify(secret, bad, now, 0)).as(String.valueOf(bad).length() + " chars").isEmpty();
        }
        assertThat(totp.verify(secret, " " + totp.codeAt(secret, now) + " ", now, 0)).isPresent();
    }

    @Test
    void secretsAre160BitBase32() {
        String secret = totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Base32.decode(secret)).hasSize(20);
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    }

    @Test
    void theEnrolmentUriIsEncoded() {
        assertThat(MfaService.uri("ada lovelace+x@example.test", "JBSWY3DPEHPK3PXP"))
            .isEqualTo("otpauth://totp/Anastig:ada%20lovelace%2Bx%40example.test?secret=JBSWY3DPEHPK3PXP&issuer=Anastig"
                + "&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void recoveryCodesAreRandomAndMatchHoweverTyped() {
        var codes = new RecoveryCodes().generate();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}"));
        String c = codes.get(0);
        assertThat(RecoveryCodes.hash(c.toLowerCase().replace("-", " "))).isEqualTo(RecoveryCodes.hash(c));
        assertThat(RecoveryCodes.hash("not a code")).isNull();
        assertThat(RecoveryCodes.hash("x".repeat(1_000_000))).isNull();
    }
}
