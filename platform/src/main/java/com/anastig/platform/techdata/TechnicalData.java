package com.anastig.platform.techdata;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * What the platform knows about a request's origin, computed once per request by
 * {@link TechDataFilter}.
 *
 * <p>{@code countryCode} (ISO 3166-1 alpha-2, null when unknown) and {@code userAgentSummary}
 * ("Firefox on desktop") are the policy's technical data and may be stored (consent records,
 * security events, sessions). <strong>{@code clientIp} is the full address: it is for throttling
 * keys only and must never be persisted, logged or shown</strong> (the policy keeps only the coarse
 * country); {@link #toString()} leaves it out.
 */
public record TechnicalData(String countryCode, String userAgentSummary, String clientIp) {
    /** The request property (and servlet request attribute) that holds it. */
    public static final String PROPERTY = TechnicalData.class.getName();
    /** What a request outside the filter gets. */
    public static final TechnicalData UNKNOWN =
        new TechnicalData(null, UserAgentSummary.UNKNOWN.text(), ClientAddress.UNKNOWN);

    /** The request's technical data, or {@link #UNKNOWN} if the filter did not run. */
    public static TechnicalData from(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof TechnicalData t ? t : UNKNOWN;
    }

    /** The same for a servlet request (Jersey's request properties are its attributes). */
    public static TechnicalData from(HttpServletRequest request) {
        return request.getAttribute(PROPERTY) instanceof TechnicalData t ? t : UNKNOWN;
    }

    @Override
    public String toString() {
        return "TechnicalData[countryCode=" + countryCode + ", userAgentSummary=" + userAgentSummary + "]";
    }
}
