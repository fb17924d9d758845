package com.anastig.platform.account.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordRulesTest {
    private final PasswordRules rules = new PasswordRules();

    @Test
    void bundlesAtLeastThreeThousandCommonPasswords() {
        assertThat(rules.commonCount()).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void lengthIsCountedInCharactersWithoutCompositionRules() {
        assertThat(rules.check("password", "sevenCh")).singleElement().satisfies(e -> assertThat(e.message()).startsWith("password_too_short"));
        assertThat(rules.check("password", "eight ch")).isEmpty();
        assertThat(rules.check("password", "😀😀😀😀😀😀😀😀")).isEmpty();
        assertThat(rules.check("password", "x".repeat(1024))).isEmpty();
        assertThat(rules.check("password", "x".repeat(1025))).singleElement().satisfies(e -> assertThat(e.message()).startsWith("password_too_long"));
    }

    @Test
    void aMegabytePasswordIsRefusedAtOnce() {
        long start = System.nanoTime();
        assertThat(rules.check("password", "x".repeat(1_000_000))).hasSize(1);
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(rules.check("password", "password1")).singleElement().satisfies(e -> assertThat(e.message()).startsWith("password_too_common"));
        assertThat(rules.check("password", "PASSWORD1")).hasSize(1);
        assertThat(rules.check("password", "Tr0ub4dor&3 horse")).isEmpty();
    }
}
