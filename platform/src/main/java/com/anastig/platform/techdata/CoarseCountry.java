package com.anastig.platform.techdata;

import com.maxmind.db.Reader;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coarse, IP-derived country of a request as an ISO 3166-1 alpha-2 code, or null when unknown.
 * From the configured country header when the request came through a trusted proxy (exactly two
 * letters; {@code XX} and {@code T1}, Cloudflare's "unknown" and "Tor", are unknown), else from the
 * operator's MaxMind-format country database, else unknown. The address itself is never kept.
 * Close it (a {@link Managed}) to release the database.
 */
public final class CoarseCountry implements Managed, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoarseCountry.class);

    private final String countryHeader;
    private final Reader geoIp;

    private CoarseCountry(String countryHeader, Reader geoIp) {
        this.countryHeader = countryHeader;
        this.geoIp = geoIp;
    }

    /** Opens the configured database, if any; a missing or unreadable file refuses to start. */
    public static CoarseCountry open(TechDataConfig config) {
        Path db = config.geoIpDatabase();
        if (db == null) {
            return new CoarseCountry(config.countryHeader(), null);
        }
        if (!Files.isReadable(db)) {
            throw new IllegalStateException("technicalData.geoIpDatabase is not a readable file: " + db);
        }
        try {
            return new CoarseCountry(config.countryHeader(), new Reader(db.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("technicalData.geoIpDatabase could not be opened: " + db, e);
        }
    }

    /** The header to read when the peer is a trusted proxy, or null. */
    public String countryHeader() {
        return countryHeader;
    }

    /**
     * The country of a request.
     *
     * @param headerValue the country header's value, only when the peer is a trusted proxy (else null)
     * @param client the client's address (as resolved by {@link ClientAddress}), or null
     */
    public String of(String headerValue, InetAddress client) {
        if (countryHeader != null && headerValue != null) {
            return fromHeader(headerValue);
        }
        return client == null ? null : lookup(client);
    }

    /** An ISO code from a proxy header, or null for anything but two letters (and {@code XX}, {@code T1}). */
    static String fromHeader(String value) {
        String v = value.strip();
        if (!v.matches("[A-Za-z]{2}")) {
            return null;
        }
        String code = v.toUpperCase(Locale.ROOT);
        return code.equals("XX") ? null : code;
    }

    /** The database's country for an address, or null. */
    String lookup(InetAddress address) {
        if (geoIp == null) {
            return null;
        }
        try {
            Map<?, ?> record = geoIp.get(address, Map.class);
            return Optional.ofNullable(record)
                .map(r -> isoCode(r.get("country")).orElse(isoCode(r.get("registered_country")).orElse(null)))
                .orElse(null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("GeoIP lookup failed ({}); the country is unknown", e.getClass().getSimpleName());
            return null;
        }
    }

    private static Optional<String> isoCode(Object country) {
        if (country instanceof Map<?, ?> m && m.get("iso_code") instanceof String code) {
            return Optional.ofNullable(fromHeader(code));
        }
        return Optional.empty();
    }

    @Override
    public void stop() throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        if (geoIp != null) {
            geoIp.close();
        }
    }
}
