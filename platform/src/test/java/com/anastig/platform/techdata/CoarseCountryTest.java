package com.anastig.platform.techdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coarse country from a trusted proxy's header or a real MaxMind-format database built here. */
class CoarseCountryTest {
    @TempDir
    Path dir;
    private Path database;
    private CoarseCountry geoOnly;

    @BeforeEach
    void writeDatabase() throws Exception {
        database = dir.resolve("country.mmdb");
        Files.write(database, new MmdbTestWriter().country("203.0.113.0/24", "DE").country("2001:db8::/32", "FR")
            .country("198.51.100.128/25", "at").build());
        geoOnly = CoarseCountry.open(new TechDataConfig(null, null, database));
    }

    @AfterEach
    void close() throws Exception {
        geoOnly.close();
    }

    private static InetAddress ip(String text) {
        return Cidr.literal(text).orElseThrow();
    }

    @Test
    void theDatabaseAnswersForItsNetworks() {
        assertThat(geoOnly.lookup(ip("203.0.113.77"))).isEqualTo("DE");
        assertThat(geoOnly.lookup(ip("203.0.113.0"))).isEqualTo("DE");
        assertThat(geoOnly.lookup(ip("2001:db8:1234::1"))).isEqualTo("FR");
        assertThat(geoOnly.lookup(ip("::ffff:203.0.113.5"))).isEqualTo("DE");
        assertThat(geoOnly.lookup(ip("198.51.100.200"))).isEqualTo("AT");
    }

    @Test
    void addressesOutsideItAreUnknown() {
        assertThat(geoOnly.lookup(ip("203.0.114.1"))).isNull();
        assertThat(geoOnly.lookup(ip("198.51.100.1"))).isNull();
        assertThat(geoOnly.lookup(ip("2001:db9::1"))).isNull();
        assertThat(geoOnly.lookup(ip("127.0.0.1"))).isNull();
        assertThat(geoOnly.of(null, null)).isNull();
    }

    @Test
    void withoutAnySourceTheCountryIsUnknown() throws Exception {
        try (CoarseCountry none = CoarseCountry.open(TechDataConfig.defaults())) {
            assertThat(none.of("DE", ip("203.0.113.77"))).isNull();
        }
    }

    @Test
    void theProxyHeaderIsTakenOnlyWhenItIsTwoLetters() throws Exception {
        try (CoarseCountry header = CoarseCountry.open(new TechDataConfig(null, "CF-IPCountry", database))) {
            assertThat(header.of("CH", ip("203.0.113.77"))).isEqualTo("CH");
            assertThat(header.of(" ch ", null)).isEqualTo("CH");
            for (String unknown : new String[] {"XX", "T1", "", "DEU", "D", "D1", "Ü", "DE\r\nX", "<b>"}) {
                assertThat(header.of(unknown, ip("203.0.113.77"))).as(unknown).isNull();
            }
            // no header: the database still answers
            assertThat(header.of(null, ip("203.0.113.77"))).isEqualTo("DE");
        }
    }

    @Test
    void aMissingOrBrokenDatabaseRefusesToStartNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> CoarseCountry.open(new TechDataConfig(null, null, dir.resolve("absent.mmdb"))))
            .hasMessageContaining("technicalData.geoIpDatabase");
        Path garbage = Files.writeString(dir.resolve("garbage.mmdb"), "not a database");
        assertThatThrownBy(() -> CoarseCountry.open(new TechDataConfig(null, null, garbage)))
            .hasMessageContaining("technicalData.geoIpDatabase");
    }

    @Test
    void requestsCombineAddressCountryAndUserAgent() throws Exception {
        TechDataConfig config = new TechDataConfig(List.of("10.0.0.0/8"), "CF-IPCountry", database);
        RequestTechData data = RequestTechData.create(config);
        try {
            String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
            // through the trusted proxy: forwarded client and the proxy's header
            assertThat(data.compute("10.0.0.2", List.of("2001:db8::9"), "CH", firefox))
                .isEqualTo(new TechnicalData("CH", "Firefox on desktop", "2001:db8::9"));
            // through the proxy without a header: the database, for the forwarded client
            assertThat(data.compute("10.0.0.2", List.of("2001:db8::9"), null, firefox).countryCode()).isEqualTo("FR");
            // directly from the client: its header and X-Forwarded-For are ignored
            TechnicalData direct = data.compute("203.0.113.8", List.of("2001:db8::9"), "CH", null);
            assertThat(direct).isEqualTo(new TechnicalData("DE", "Other on unknown", "203.0.113.8"));
            assertThat(direct.toString()).doesNotContain("203.0.113.8");
        } finally {
            data.country().close();
        }
    }
}
