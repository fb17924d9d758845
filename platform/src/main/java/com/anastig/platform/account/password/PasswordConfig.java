package com.anastig.platform.account.password;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Password hashing: Argon2id at OWASP's recommended parameters by default (m = 19 MiB, t = 2, p = 1),
 * on a bounded pool of {@code hashingThreads} threads (default: cores - 1, at least 1) with a queue
 * of {@code queueCapacity}, so a login flood cannot starve the rest of the API. Raising the
 * parameters upgrades each hash at its owner's next login.
 */
public record PasswordConfig(@Min(1024) @Max(1048576) Integer memoryKib, @Min(1) @Max(20) Integer iterations,
                             @Min(1) @Max(16) Integer parallelism, @Min(1) @Max(64) Integer hashingThreads,
                             @Min(1) @Max(10000) Integer queueCapacity) {
    public PasswordConfig {
        memoryKib = memoryKib == null ? 19456 : memoryKib;
        iterations = iterations == null ? 2 : iterations;
        parallelism = parallelism == null ? 1 : parallelism;
        hashingThreads = hashingThreads == null ? Math.max(1, Runtime.getRuntime().availableProcessors() - 1) : hashingThreads;
        queueCapacity = queueCapacity == null ? 64 : queueCapacity;
    }

    public static PasswordConfig defaults() {
        return new PasswordConfig(null, null, null, null, null);
    }

    Argon2Params params() {
        return new Argon2Params(memoryKib, iterations, parallelism);
    }
}
