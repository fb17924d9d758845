package com.anastig.platform.techdata;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Computes {@link TechnicalData} once per request, before matching and before authentication and
 * throttling filters, and stores it as the request property {@link TechnicalData#PROPERTY}; read it
 * with {@link TechnicalData#from(ContainerRequestContext)} or, in a resource,
 * {@code TechnicalData.from(httpServletRequest)} with {@code @Context HttpServletRequest}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 500)
public final class TechDataFilter implements ContainerRequestFilter {
    private final RequestTechData techData;

    @Context
    private HttpServletRequest servletRequest;

    public TechDataFilter(RequestTechData techData) {
        this.techData = techData;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(TechnicalData.PROPERTY) instanceof TechnicalData) {
            return;
        }
        List<String> forwardedFor = request.getHeaders().getOrDefault("X-Forwarded-For", List.of());
        String header = techData.countryHeader();
        TechnicalData data = techData.compute(peer(), forwardedFor,
            header == null ? null : request.getHeaderString(header), request.getHeaderString(HttpHeaders.USER_AGENT));
        request.setProperty(TechnicalData.PROPERTY, data);
    }

    private String peer() {
        try {
            return servletRequest == null ? null : servletRequest.getRemoteAddr();
        } catch (IllegalStateException e) {
            return null; // outside a servlet container (Jersey's in-memory test container)
        }
    }
}
