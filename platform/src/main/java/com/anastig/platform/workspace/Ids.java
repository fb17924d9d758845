package com.anastig.platform.workspace;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import com.fasterxml.uuid.UUIDClock;
import java.time.Clock;
import java.util.UUID;

/** Time-ordered ids (UUIDv7) for workspace rows, so keyset pages come out oldest first; the time comes from the injected clock. */
public final class Ids {
    private final NoArgGenerator generator;

    public Ids(Clock clock) {
        this.generator = Generators.timeBasedEpochGenerator(new java.security.SecureRandom(), new UUIDClock() {
            @Override
            public long currentTimeMillis() {
                return clock.millis();
            }
        });
    }

    public UUID next() {
        return generator.generate();
    }
}
