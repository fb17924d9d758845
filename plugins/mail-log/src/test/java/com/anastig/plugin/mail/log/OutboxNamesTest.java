package com.anastig.plugin.mail.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboxNamesTest {
    private static final Instant T0 = Instant.parse("2026-11-28T15:18:05.123Z");

    /** A clock the test moves by hand (also backwards). */
    private static Clock clockOf(AtomicLong millis) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
    }

    @Test
    void namesCarryTheClockTimeInUtc() {
        OutboxNames names = new OutboxNames(Clock.fixed(T0, ZoneId.of("Europe/Berlin")), new SecureRandom());
        assertThat(names.next()).matches("20261128T151805\\.123Z-000000-[0-9a-f]{8}\\.eml");
        assertThat(names.next()).matches("20261128T151805\\.123Z-000001-[0-9a-f]{8}\\.eml");
    }

    @Test
    void namesSortInTheOrderTheyWereTakenEvenWhenTheClockStandsStillOrGoesBack() {
        AtomicLong millis = new AtomicLong(T0.toEpochMilli());
        OutboxNames names = new OutboxNames(clockOf(millis), new SecureRandom());
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            taken.add(names.next());
            if (i % 10 == 9) {
                millis.addAndGet(i % 20 == 9 ? 7 : -3000);
            }
        }
        assertThat(taken).isSorted().doesNotHaveDuplicates();
        assertThat(new HashSet<>(taken)).hasSize(50);
    }

    @Test
    void aLaterTimeSortsAfterManyTies() {
        AtomicLong millis = new AtomicLong(T0.toEpochMilli());
        OutboxNames names = new OutboxNames(clockOf(millis), new SecureRandom());
        String first = null;
        for (int i = 0; i < 1500; i++) {
            String name = names.next();
            first = first == null ? name : first;
        }
        millis.incrementAndGet();
        assertThat(names.next()).isGreaterThan(first).startsWith("20261128T151805.124Z-000000-");
    }

    @Test
    void temporaryNamesAreHiddenAndNeverEml() {
        String temporary = OutboxNames.temporaryName("20261128T151805.123Z-000000-3f9a1c2b.eml");
        assertThat(temporary).isEqualTo(".20261128T151805.123Z-000000-3f9a1c2b.tmp").doesNotEndWith(".eml");
    }
}
