package com.anastig.platform.session;

import com.anastig.platform.http.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/** Answers 401 when a {@link RequiresSession} endpoint is called without a live session. */
@RequiresSession
@Priority(Priorities.AUTHENTICATION + 10)
public final class RequiresSessionFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (SessionFilter.of(request).isEmpty()) {
            throw new ApiException(401, "unauthenticated", "Unauthenticated", "Log in first.");
        }
    }
}
