package com.anastig.platform.account.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.account.PasswordHashing.Verification;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(new PasswordConfig(19456, 2, 1, 1, 8));

    @Test
    void writesPhcStringsWithTheParametersAndVerifiesThem() {
        String hash = hasher.hash("lètmein, but longer");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("lètmein, but longer", hash)).isEqualTo(new Verification(true, false));
        assertThat(hasher.verify("lètmein, but longeR", hash).matches()).isFalse();
        assertThat(hasher.hash("lètmein, but longer")).isNotEqualTo(hash);
    }

    @Test
    void matchesTheArgon2ReferenceImplementation() {
        // `echo -n "lètmein" | argon2 seasaltseasalt -id -t 2 -k 19456 -p 1 -l 32 -e` (Debian package argon2, 0~20190702)
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$c2Vhc2FsdHNlYXNhbHQ$1e6k9kVa+O8jOX4hYLU16PAUSQoOFR8LHjuBxZ2+yS0";
        assertThat(hasher.verify("lètmein", reference)).isEqualTo(new Verification(true, false));
        assertThat(hasher.verify("letmein", reference).matches()).isFalse();
    }

    @Test
    void raisedParametersUpgradeTheHashAtTheNextLogin() {
        String old = new PasswordHasher(new PasswordConfig(1024, 1, 1, 1, 8)).hash("a fine password");
        assertThat(hasher.verify("a fine password", old)).isEqualTo(new Verification(true, true));
        assertThat(hasher.verify("a wrong password", old)).isEqualTo(new Verification(false, false));
    }

    @Test
    void verifiesImportedDjangoHashesAndAsksForARehash() {
        // Django's own test vectors (tests/auth_tests/test_hashers.py, Django 1.6 and 2.0 iteration counts)
        assertThat(hasher.verify("lètmein", "pbkdf2_sha256$12000$seasalt$Ybw8zsFxqja97tY/o6G+Fy1ksY4U/Hw3DRrGED6Up4s="))
            .isEqualTo(new Verification(true, true));
        assertThat(hasher.verify("lètmein", "pbkdf2_sha256$100000$seasalt$BNZ6eyaNc8qFTJPjrAq99hSYb73EgAdytAtdBg2Sdcc="))
            .isEqualTo(new Verification(true, true));
        assertThat(hasher.verify("letmein", "pbkdf2_sha256$12000$seasalt$Ybw8zsFxqja97tY/o6G+Fy1ksY4U/Hw3DRrGED6Up4s=").matches())
            .isFalse();
        // Django's Argon2PasswordHasher stores "argon2" + argon2-cffi's encoding; this one made with the reference CLI:
        // `echo -n secret | argon2 Y041dExhNkljRUUy -id -t 2 -k 1024 -p 1 -l 16 -e`
        String django = "argon2$argon2id$v=19$m=1024,t=2,p=1$WTA0MWRFeGhOa2xqUlVVeQ$fJDoERZvbZYh8I/+tUkfhA";
        assertThat(hasher.verify("secret", django)).isEqualTo(new Verification(true, true));
        assertThat(hasher.verify("Secret", django).matches()).isFalse();
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        for (String bad : new String[] {"", "$argon2id$", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "pbkdf2_sha256$0$salt$" + "A".repeat(43) + "=",
            "md5$salt$hash", "!unusable"}) {
            assertThat(hasher.verify("whatever", bad).matches()).as(bad).isFalse();
        }
    }
}
