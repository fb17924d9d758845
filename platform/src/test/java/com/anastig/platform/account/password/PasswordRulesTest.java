package com.anastig.platform.account.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.http.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {
    private final PasswordRules rules = new PasswordRules();

    @Test
    void bundlesBothCommonPasswordLists() {
        assertThat(rules.commonCount()).isGreaterThanOrEqualTo(50_000);
        assertThat(rules.isCommon("123456")).isTrue();
        assertThat(rules.isCommon("!qaz1qaz")).isTrue();
    }

    @Test
    void lengthIsCountedInCodePointsWithoutCompositionRules() {
        assertThat(codes(rules.check("password", "sevenCh"))).containsExactly(PasswordRules.TOO_SHORT);
        assertThat(rules.check("password", "eight ch")).isEmpty();
        assertThat(rules.check("password", "mugwumpish")).isEmpty();
        assertThat(codes(rules.check("password", "😀😀😀😀😀😀😀"))).containsExactly(PasswordRules.TOO_SHORT);
        assertThat(rules.check("password", "😀😀😀😀😀😀😀😀")).isEmpty();
        assertThat(rules.check("password", "x".repeat(1024))).isEmpty();
        assertThat(rules.check("password", "😀".repeat(1024))).isEmpty();
        assertThat(codes(rules.check("password", "x".repeat(1025)))).containsExactly(PasswordRules.TOO_LONG);
        assertThat(codes(rules.check("password", "😀".repeat(1025)))).containsExactly(PasswordRules.TOO_LONG);
    }

    @Test
    void theLimitsComeFromConfiguration() {
        PasswordRules strict = new PasswordRules(new PasswordConfig(null, null, null, null, null, null, 12, 64));
        assertThat(codes(strict.check("newPassword", "elevenchars"))).containsExactly(PasswordRules.TOO_SHORT);
        assertThat(strict.check("newPassword", "twelve chars")).isEmpty();
        assertThat(codes(strict.check("newPassword", "y".repeat(65)))).containsExactly(PasswordRules.TOO_LONG);
        assertThat(strict.check("newPassword", "y".repeat(65)).get(0).field()).isEqualTo("newPassword");
    }

    @Test
    void aMegabytePasswordIsRefusedAtOnce() {
        long start = System.nanoTime();
        assertThat(codes(rules.check("password", "x".repeat(1_000_000)))).containsExactly(PasswordRules.TOO_LONG);
        assertThat(rules.tooLong("x".repeat(1_000_000))).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(codes(rules.check("password", "password1"))).containsExactly(PasswordRules.TOO_COMMON);
        assertThat(codes(rules.check("password", "PassWord1"))).containsExactly(PasswordRules.TOO_COMMON);
        assertThat(codes(rules.check("password", "QWERTYUIOP"))).containsExactly(PasswordRules.TOO_COMMON);
        assertThat(codes(rules.check("password", "iloveyou1"))).containsExactly(PasswordRules.TOO_COMMON);
        assertThat(rules.check("password", "Tr0ub4dor&3 horse")).isEmpty();
    }

    @Test
    void missingOrNonUnicodePasswordsAreRefused() {
        assertThat(codes(rules.check("password", null))).containsExactly(PasswordRules.REQUIRED);
        assertThat(codes(rules.check("password", "abcdefgh\ud800"))).containsExactly(PasswordRules.MALFORMED);
    }

    @Test
    void messagesNeverRepeatThePassword() {
        for (String p : new String[] {"sevenCh", "password1", "x".repeat(1025), "abcdefgh\udc00"}) {
            assertThat(rules.check("password", p)).singleElement().satisfies(e -> assertThat(e.message()).doesNotContain(p));
        }
    }

    private static List<String> codes(List<Problem.FieldError> errors) {
        return errors.stream().map(e -> e.message().substring(0, e.message().indexOf(':'))).toList();
    }
}
