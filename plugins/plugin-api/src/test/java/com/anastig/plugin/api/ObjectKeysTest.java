package com.anastig.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "orgs/1/images/x.png", "with space/and ünïcödé/日本.jpg", "a/b/c/d/e/f/g/h", "..a/b..", "a.b/.c"})
    void acceptsOrdinaryKeys(String key) {
        assertThat(ObjectKeys.requireValidKey(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../b", "a/./b", "a//b", "a/", "a\\b", "a\u0000b", "a\nb", "..", "."})
    void refusesKeysThatCouldEscape(String key) {
        assertThatThrownBy(() -> ObjectKeys.requireValidKey(key))
            .isInstanceOf(ProviderException.class)
            .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.INVALID_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/", "a/b", "a/b/"})
    void acceptsPrefixes(String prefix) {
        assertThat(ObjectKeys.requireValidPrefix(prefix)).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "../", "a/../", "/a"})
    void refusesEscapingPrefixes(String prefix) {
        assertThatThrownBy(() -> ObjectKeys.requireValidPrefix(prefix)).isInstanceOf(ProviderException.class);
    }
}
