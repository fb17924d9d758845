package com.anastig.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.session.Session;
import com.anastig.platform.testing.MutableClock;
import com.anastig.platform.testing.SharedPostgres;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The admin API's gate with a clock that moves: a second factor counts for 15 minutes, then a step-up is due. */
class OperatorFilterIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private final Jdbi app = DB.jdbiAsApp();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final OperatorFilter filter = new OperatorFilter(app, clock);

    private UUID account(boolean operator, boolean mfa, String status) {
        UUID id = UUID.randomUUID();
        app.useHandle(h -> h.createUpdate("INSERT INTO account (id, email, email_normalized, name, password_hash, password_changed_at,"
                + " country, language, status, created_at, updated_at, operator, mfa_enabled) VALUES (:id, :e, :e, 'Op', 'x', now(), 'DE',"
                + " 'en', :status, now(), now(), :op, :mfa)")
            .bind("id", id).bind("e", id + "@example.test").bind("status", status).bind("op", operator).bind("mfa", mfa).execute());
        return id;
    }

    private ContainerRequest request(UUID account, Instant mfaVerifiedAt) {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost/api/v1/admin/plugins"),
            "GET", null, new MapPropertiesDelegate(), null);
        if (account != null) {
            request.setProperty("anastig.session", new Session(UUID.randomUUID(), account, "csrf", clock.instant(), clock.instant(),
                clock.instant().plus(Duration.ofDays(1)), mfaVerifiedAt, null, null));
        }
        return request;
    }

    private static String code(Runnable r) {
        try {
            r.run();
            return null;
        } catch (ApiException e) {
            return e.toProblem().code();
        }
    }

    @Test
    void aSecondFactorCountsForFifteenMinutesThenAStepUpIsDue() {
        UUID op = account(true, true, "active");
        ContainerRequest fresh = request(op, clock.instant());
        filter.filter(fresh);
        assertThat(OperatorFilter.operator(fresh)).isEqualTo(op);

        ContainerRequest verifiedAt = request(op, clock.instant());
        clock.advance(Duration.ofMinutes(15));
        filter.filter(verifiedAt);
        clock.advance(Duration.ofSeconds(1));
        assertThat(code(() -> filter.filter(request(op, clock.instant().minus(Duration.ofMinutes(15)).minusSeconds(1)))))
            .isEqualTo("mfa_required");
        assertThat(code(() -> filter.filter(request(op, null)))).isEqualTo("mfa_required");
    }

    @Test
    void othersAreKeptOut() {
        assertThatThrownBy(() -> filter.filter(request(null, null))).isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.status()).isEqualTo(401));
        assertThat(code(() -> filter.filter(request(account(false, true, "active"), clock.instant())))).isEqualTo("forbidden");
        assertThat(code(() -> filter.filter(request(account(true, false, "active"), clock.instant())))).isEqualTo("mfa_enrollment_required");
        assertThat(code(() -> filter.filter(request(account(true, true, "suspended"), clock.instant())))).isEqualTo("forbidden");
    }
}
