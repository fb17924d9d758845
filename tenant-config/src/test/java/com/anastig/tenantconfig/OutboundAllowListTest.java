package com.anastig.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundAllowListTest {

    @Test
    void defaultsToNoExceptionsAndNoHttp() {
        OutboundAllowList none = OutboundAllowList.none();
        assertThat(none.entries()).isEmpty();
        assertThat(none.allowHttp()).isFalse();
        assertThat(new OutboundAllowList(null, false).origins()).isEmpty();
    }

    @Test
    void readsTheConfigurationShapeWithHttpOffByDefault() throws Exception {
        OutboundAllowList list = TenantConfigJson.newObjectMapper()
                .readValue("{\"entries\":[\"http://127.0.0.1:9000\",\"https://[::1]:9443\"]}", OutboundAllowList.class);
        assertThat(list.allowHttp()).isFalse();
        assertThat(list.origins()).containsExactlyInAnyOrder(new Origin("http", "127.0.0.1", 9000), new Origin("https", "[0:0::1]", 9443));
        assertThat(list.allows(new Origin("HTTP", "127.0.0.1", 9000))).isTrue();
        assertThat(list.allows(new Origin("https", "127.0.0.1", 9000))).isFalse();
        assertThat(list.allows(new Origin("http", "127.0.0.1", 9001))).isFalse();
    }

    @Test
    void hostNamesCompareCaseInsensitively() {
        OutboundAllowList list = new OutboundAllowList(List.of("https://MinIO.internal:9000"), false);
        assertThat(list.allows(new Origin("https", "minio.internal", 9000))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:9000", "http://127.0.0.1", "http://127.0.0.1:9000/", "http://127.0.0.1:9000/path",
            "ftp://127.0.0.1:21", "http://user@127.0.0.1:9000", "http://127.0.0.1:9000?x=1", "http://127.0.0.1:9000#f", "not a url"})
    void refusesEntriesThatAreNotExactlySchemeHostPort(String entry) {
        assertThatThrownBy(() -> new OutboundAllowList(List.of(entry), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme://host:port");
    }
}
