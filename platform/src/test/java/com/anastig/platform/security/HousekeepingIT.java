package com.anastig.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.account.AccountDao;
import com.anastig.platform.account.AccountTokens;
import com.anastig.platform.testing.MutableClock;
import com.anastig.platform.testing.SharedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The policy's retention periods enforced on a real database, by an injected clock. */
class HousekeepingIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final Jdbi jdbi = DB.jdbiAsApp();
    private final SecurityEvents events = new SecurityEvents(jdbi, clock);
    private final AccountTokens tokens = new AccountTokens(clock);
    private final Housekeeping housekeeping = new Housekeeping(jdbi, clock, events, tokens, java.time.Duration.ofDays(90));

    @Test
    void securityEventsAreKeptTwentyFourMonthsAndTokensNoLongerThanUsable() {
        UUID account = UUID.randomUUID();
        jdbi.useHandle(h -> h.attach(AccountDao.class).insert(new AccountDao.NewAccount(account, account + "@example.test",
            account + "@example.test", "T", "$argon2id$x", null, "DE", null, null, null, "en", clock.instant())));
        events.record(account, "login", SecurityEvents.Origin.UNKNOWN);
        String used = jdbi.inTransaction(h -> tokens.issue(h, account, "verify_email", Duration.ofMinutes(60)));
        jdbi.useTransaction(h -> tokens.redeem(h, "verify_email", used));

        clock.advance(Duration.ofDays(365));
        events.record(account, "password_changed", SecurityEvents.Origin.UNKNOWN);
        String fresh = jdbi.inTransaction(h -> tokens.issue(h, account, "password_reset", Duration.ofMinutes(60)));
        clock.advance(Duration.ofDays(366));
        jdbi.useTransaction(h -> tokens.issue(h, account, "password_reset", Duration.ofMinutes(60)));
        assertThat(housekeeping.run()).isGreaterThanOrEqualTo(3);
        assertThat(events.of(account, 10)).extracting(SecurityEvents.Event::kind).containsExactly("password_changed");
        int tokensLeft = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM account_token WHERE account_id = :a")
            .bind("a", account).mapTo(Integer.class).one());
        assertThat(tokensLeft).isEqualTo(1);
        assertThat(fresh).isNotBlank();
        assertThat(housekeeping.run()).isZero();
    }
}
