package com.anastig.platform.account.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.account.PasswordHashing.Verification;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final Verification MATCH = new Verification(true, false);
    private static final Verification MATCH_REHASH = new Verification(true, true);
    private final PasswordHasher hasher = new PasswordHasher(PasswordConfig.defaults());

    @Test
    void writesPhcStringsWithTheParametersAndVerifiesThem() {
        String hash = hasher.hash("lètmein, but longer");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("lètmein, but longer", hash)).isEqualTo(MATCH);
        assertThat(hasher.verify("lètmein, but longeR", hash).matches()).isFalse();
        assertThat(hasher.hash("lètmein, but longer")).isNotEqualTo(hash);
    }

    @Test
    void longPasswordsAreNotTruncated() {
        String longOne = "y".repeat(999) + "a";
        String hash = hasher.hash(longOne);
        assertThat(hasher.verify(longOne, hash).matches()).isTrue();
        assertThat(hasher.verify("y".repeat(999) + "b", hash).matches()).isFalse();
        assertThat(hasher.verify("y".repeat(999), hash).matches()).isFalse();
    }

    @Test
    void bouncyCastleMatchesTheRfc9106Argon2idVector() {
        // RFC 9106, section 5.3: m=32 KiB, t=3, p=4, password 32 x 0x01, salt 16 x 0x02, secret 8 x 0x03, ad 12 x 0x04
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(32).withIterations(3).withParallelism(4).withSalt(filled(16, 2)).withSecret(filled(8, 3))
            .withAdditional(filled(12, 4)).build());
        byte[] tag = new byte[32];
        generator.generateBytes(filled(32, 1), tag);
        assertThat(HexFormat.of().formatHex(tag)).isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void matchesTheArgon2ReferenceImplementation() {
        // phc-winner-argon2's own test vector (src/test.c, Argon2id v=19, "password", salt "somesalt")
        String phcReference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(hasher.verify("password", phcReference)).isEqualTo(MATCH_REHASH);
        assertThat(hasher.verify("passwore", phcReference).matches()).isFalse();
        // `echo -n "lètmein" | argon2 seasaltseasalt -id -t 2 -k 19456 -p 1 -l 32 -e` (Debian package argon2, 0~20190702)
        String atOurParameters = "$argon2id$v=19$m=19456,t=2,p=1$c2Vhc2FsdHNlYXNhbHQ$1e6k9kVa+O8jOX4hYLU16PAUSQoOFR8LHjuBxZ2+yS0";
        // our parameters, but a 14-byte salt: it matches and is rewritten with a 16-byte one
        assertThat(hasher.verify("lètmein", atOurParameters)).isEqualTo(MATCH_REHASH);
        assertThat(hasher.verify("letmein", atOurParameters).matches()).isFalse();
    }

    @Test
    void changedParametersUpgradeTheHashAtTheNextLogin() {
        String old = new PasswordHasher(PasswordConfig.of(1024, 1, 1, 1, 8)).hash("a fine password");
        assertThat(hasher.verify("a fine password", old)).isEqualTo(MATCH_REHASH);
        assertThat(hasher.verify("a wrong password", old)).isEqualTo(new Verification(false, false));
        PasswordHasher lowered = new PasswordHasher(PasswordConfig.of(1024, 1, 1, 1, 8));
        assertThat(lowered.verify("a fine password", hasher.hash("a fine password"))).isEqualTo(MATCH_REHASH);
    }

    @Test
    void verifiesDjangoPbkdf2HashesAndAsksForARehash() {
        // django/django tests/auth_tests/test_hashers.py: test_pbkdf2 and test_low_level_pbkdf2 (Django 4.1's 390,000
        // iterations) and test_pbkdf2 of Django 1.6 (12,000 iterations)
        assertThat(hasher.verify("lètmein", "pbkdf2_sha256$390000$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c="))
            .isEqualTo(MATCH_REHASH);
        assertThat(hasher.verify("lètmein", "pbkdf2_sha256$390000$seasalt2$geC/uZ92nRXDSjSxeoiBqYyRcrLzMm8xK3ro1QS1uo8="))
            .isEqualTo(MATCH_REHASH);
        assertThat(hasher.verify("lètmeinz", "pbkdf2_sha256$390000$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c=").matches())
            .isFalse();
        assertThat(hasher.verify("lètmein", "pbkdf2_sha256$12000$seasalt$Ybw8zsFxqja97tY/o6G+Fy1ksY4U/Hw3DRrGED6Up4s="))
            .isEqualTo(MATCH_REHASH);
        assertThat(hasher.verify("letmein", "pbkdf2_sha256$12000$seasalt$Ybw8zsFxqja97tY/o6G+Fy1ksY4U/Hw3DRrGED6Up4s=").matches())
            .isFalse();
        assertThat(hasher.verify("lètmein", "pbkdf2_sha256$12001$seasalt$Ybw8zsFxqja97tY/o6G+Fy1ksY4U/Hw3DRrGED6Up4s=").matches())
            .isFalse();
    }

    @Test
    void verifiesDjangoArgon2HashesAndAsksForARehash() {
        // django/django tests/auth_tests/test_hashers.py, test_argon2_version_upgrade (argon2-cffi, m=100 MiB, p=8)
        String django = "argon2$argon2id$v=19$m=102400,t=2,p=8$Y041dExhNkljRUUy$TMa6A8fPJhCAUXRhJXCXdw";
        assertThat(hasher.verify("secret", django)).isEqualTo(MATCH_REHASH);
        assertThat(hasher.verify("Secret", django).matches()).isFalse();
        // Django's prefix on an argon2 CLI hash: `echo -n secret | argon2 Y041dExhNkljRUUy -id -t 2 -k 1024 -p 1 -l 16 -e`
        String small = "argon2$argon2id$v=19$m=1024,t=2,p=1$WTA0MWRFeGhOa2xqUlVVeQ$fJDoERZvbZYh8I/+tUkfhA";
        assertThat(hasher.verify("secret", small)).isEqualTo(MATCH_REHASH);
        // the same hash at our own parameters, but in Django's format, still gets rewritten in ours
        String ours = hasher.hash("secret");
        assertThat(hasher.verify("secret", "argon2" + ours)).isEqualTo(MATCH_REHASH);
    }

    @Test
    void unknownOrMalformedStoredHashesNeverMatchAndNeverThrow() {
        String good = hasher.hash("whatever");
        String[] parts = good.split("\\$");
        for (String bad : new String[] {"", "$", "$argon2id$", "!unusable", "md5$seasalt$3f86d0d3d465b7b458c231bf3555c0e3",
            "sha1$seasalt$cff36ea83f5706ce9aa7454e63e431fc726b2dc8", "bcrypt$$2b$12$abcdefghijklmnopqrstuu",
            good.replace("argon2id", "argon2i"), good.replace("v=19", "v=16"), good.replace("m=19456", "m=1"),
            good.replace("m=19456", "m=99999999"), good.replace("t=2", "t=0"), good.replace("p=1", "p=0"),
            good.replace("$" + parts[4] + "$", "$" + parts[4] + "A$"), good.replace("$" + parts[4] + "$", "$c2FsdA$"),
            good + "A", good + "$", good.substring(0, good.length() - 1) + "*", " " + good, good + "\n",
            "argon2$argon2i$m=8,t=1,p=1$c29tZXNhbHQ$gwQOXSNhxiOxPOA0+PY10P9QFO4NAYysnqRt1GSQLE55m+2GYDt9FEjPMHhP2Cuf0nOEXXMocVrsJAtNSsKyfg",
            "pbkdf2_sha256$0$seasalt$" + "A".repeat(43) + "=", "pbkdf2_sha256$99999999$seasalt$" + "A".repeat(43) + "=",
            "pbkdf2_sha256$12000$seasalt$Ybw8zsFxqja97tY/o6G+Fy1ksY4U/Hw3DRrGED6Up4s", "pbkdf2_sha1$10000$salt$" + "A".repeat(27) + "="}) {
            assertThat(hasher.verify("whatever", bad)).as(bad).isEqualTo(new Verification(false, false));
        }
        assertThat(hasher.verify(null, good).matches()).isFalse();
        assertThat(hasher.verify("whatever", null).matches()).isFalse();
    }

    @Test
    void passwordsThatAreNotUnicodeTextAreNeitherHashedNorMatched() {
        String loneSurrogate = "abcdefgh\ud800";
        assertThatThrownBy(() -> hasher.hash(loneSurrogate)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageNotContaining("abcdefgh");
        // UTF-8 encoders replace a lone surrogate by '?': that must not make these two the same password
        String hash = hasher.hash("abcdefgh?");
        assertThat(hasher.verify("abcdefgh?", hash).matches()).isTrue();
        assertThat(hasher.verify(loneSurrogate, hash).matches()).isFalse();
    }

    @Test
    void theDummyHashUsesTheCurrentParametersAndMatchesNothingUsual() {
        assertThat(hasher.dummyHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(new PasswordHasher(PasswordConfig.of(2048, 3, 1, 1, 8)).dummyHash()).startsWith("$argon2id$v=19$m=2048,t=3,p=1$");
        hasher.verifyDummy("a guess");
        hasher.verifyDummy(null);
        assertThat(hasher.verify("", hasher.dummyHash()).matches()).isFalse();
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
