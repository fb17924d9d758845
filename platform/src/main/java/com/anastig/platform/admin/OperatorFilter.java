package com.anastig.platform.admin;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.session.Session;
import com.anastig.platform.session.SessionFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Guards the admin API: a session (401), an operator account (403 {@code forbidden}; the flag is set
 * only by the {@code accounts grant-operator} command), a second factor enrolled (403
 * {@code mfa_enrollment_required}) and verified within the last 15 minutes at login or by
 * {@code POST /api/v1/session/step-up} (403 {@code mfa_required}).
 */
@OperatorOnly
@Priority(Priorities.AUTHORIZATION)
public final class OperatorFilter implements ContainerRequestFilter {
    public static final Duration STEP_UP_WINDOW = Duration.ofMinutes(15);
    static final String PROPERTY = "anastig.operator";

    private final Jdbi jdbi;
    private final Clock clock;

    public OperatorFilter(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Session session = SessionFilter.of(request)
            .orElseThrow(() -> new ApiException(401, "unauthenticated", "Unauthenticated", "Log in first."));
        Flags flags = jdbi.withHandle(h -> h.createQuery("SELECT operator, mfa_enabled FROM account WHERE id = :id AND status = 'active'")
            .bind("id", session.accountId()).map((rs, ctx) -> new Flags(rs.getBoolean(1), rs.getBoolean(2))).findOne()
            .orElse(new Flags(false, false)));
        if (!flags.operator()) {
            throw ApiException.forbidden("forbidden", "Operators only.");
        }
        if (!flags.mfa()) {
            throw ApiException.forbidden("mfa_enrollment_required", "Operators need a second factor: enrol one first.");
        }
        Instant verified = session.mfaVerifiedAt();
        if (verified == null || verified.isBefore(clock.instant().minus(STEP_UP_WINDOW))) {
            throw ApiException.forbidden("mfa_required", "Confirm your second factor again (POST /api/v1/session/step-up).");
        }
        request.setProperty(PROPERTY, session.accountId());
    }

    /** The operator of an admin request. */
    public static UUID operator(ContainerRequestContext request) {
        return (UUID) request.getProperty(PROPERTY);
    }

    private record Flags(boolean operator, boolean mfa) {
    }
}
