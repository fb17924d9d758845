package com.anastig.platform.account.password;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The {@code passwords:} section. Argon2id at OWASP's recommended parameters by default (m = 19 MiB,
 * t = 2, p = 1); every hash runs on a bounded pool of {@code hashingThreads} threads (default: cores
 * - 1, at least 1) with a queue of {@code queueCapacity}, and a caller waits at most
 * {@code maxWaitSeconds} for its turn, so a login flood cannot starve the rest of the API. New
 * passwords are {@code minLength} to {@code maxLength} Unicode code points. Raising the cost
 * parameters upgrades each hash at its owner's next login.
 */
public record PasswordConfig(
    @Min(1024) @Max(1048576) Integer memoryKib,
    @Min(1) @Max(20) Integer iterations,
    @Min(1) @Max(16) Integer parallelism,
    @Min(1) @Max(64) Integer hashingThreads,
    @Min(1) @Max(10000) Integer queueCapacity,
    @Min(1) @Max(300) Integer maxWaitSeconds,
    @Min(8) @Max(64) Integer minLength,
    @Min(64) @Max(4096) Integer maxLength) {

    public PasswordConfig {
        memoryKib = memoryKib == null ? 19456 : memoryKib;
        iterations = iterations == null ? 2 : iterations;
        parallelism = parallelism == null ? 1 : parallelism;
        hashingThreads = hashingThreads == null ? Math.max(1, Runtime.getRuntime().availableProcessors() - 1) : hashingThreads;
        queueCapacity = queueCapacity == null ? 64 : queueCapacity;
        maxWaitSeconds = maxWaitSeconds == null ? 10 : maxWaitSeconds;
        minLength = minLength == null ? 8 : minLength;
        maxLength = maxLength == null ? 1024 : maxLength;
    }

    public static PasswordConfig defaults() {
        return new PasswordConfig(null, null, null, null, null, null, null, null);
    }

    /** These defaults with other Argon2id costs and pool size (tests and benchmarks). */
    public static PasswordConfig of(int memoryKib, int iterations, int parallelism, int hashingThreads, int queueCapacity) {
        return new PasswordConfig(memoryKib, iterations, parallelism, hashingThreads, queueCapacity, null, null, null);
    }

    Argon2Params params() {
        return new Argon2Params(memoryKib, iterations, parallelism);
    }
}
