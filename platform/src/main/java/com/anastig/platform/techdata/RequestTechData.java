package com.anastig.platform.techdata;

import java.util.List;

/**
 * Computes a request's {@link TechnicalData} from its socket peer and headers: the client address
 * (trusting {@code X-Forwarded-For} only from trusted proxies), the country (trusting the country
 * header only from them too) and the user-agent summary. Pure logic over its inputs; one instance
 * serves every request.
 */
public final class RequestTechData {
    private final ClientAddress clientAddress;
    private final CoarseCountry country;
    private final UserAgentSummary userAgents;

    public RequestTechData(ClientAddress clientAddress, CoarseCountry country, UserAgentSummary userAgents) {
        this.clientAddress = clientAddress;
        this.country = country;
        this.userAgents = userAgents;
    }

    /** Builds the three parts from the configuration; close {@link #country()} with the application. */
    public static RequestTechData create(TechDataConfig config) {
        return new RequestTechData(new ClientAddress(config.trustedProxyNetworks()), CoarseCountry.open(config),
            new UserAgentSummary());
    }

    /** The country source (a Managed: register it so the GeoIP database is closed). */
    public CoarseCountry country() {
        return country;
    }

    /** The name of the country header to read, or null when none is configured. */
    public String countryHeader() {
        return country.countryHeader();
    }

    /**
     * @param peer the socket peer address (servlet remote address), null if unknown
     * @param forwardedFor the {@code X-Forwarded-For} values (may be empty)
     * @param countryHeaderValue the configured country header's value, or null
     * @param userAgent the {@code User-Agent} value, or null
     */
    public TechnicalData compute(String peer, List<String> forwardedFor, String countryHeaderValue, String userAgent) {
        boolean viaProxy = clientAddress.isTrustedPeer(peer);
        String ip = clientAddress.resolve(peer, viaProxy ? forwardedFor : List.of());
        String code = country.of(viaProxy ? countryHeaderValue : null, Cidr.literal(ip).orElse(null));
        return new TechnicalData(code, userAgents.summarize(userAgent).text(), ip);
    }
}
