package com.anastig.platform.account.password;

import com.anastig.platform.account.PasswordHashing;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every password hash and verification runs here, on {@code hashingThreads} threads with a queue of
 * {@code queueCapacity}: a login flood fills this pool and is refused at once with
 * {@link HashingBusyException} (503 {@code busy}, Retry-After) instead of taking every request thread.
 * Callers block until their work is done, at most {@code maxWaitSeconds}. A password longer than the
 * rules allow is never hashed. Implements the account code's {@link PasswordHashing}.
 */
public final class HashingPool implements Managed, PasswordHashing {
    private static final long RETRY_AFTER_SECONDS = 1;
    private static final Verification NO_MATCH = new Verification(false, false);

    private final PasswordHasher hasher;
    private final PasswordRules rules;
    private final ThreadPoolExecutor pool;
    private final long maxWaitMillis;
    private final AtomicLong rejected = new AtomicLong();

    public HashingPool(PasswordConfig config, PasswordHasher hasher, PasswordRules rules) {
        this.hasher = hasher;
        this.rules = rules;
        this.maxWaitMillis = TimeUnit.SECONDS.toMillis(config.maxWaitSeconds());
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.hashingThreads(), config.hashingThreads(), 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.queueCapacity()), r -> {
                Thread t = new Thread(r, "password-hashing-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Gauges {@code passwords.hashing.queued}, {@code .active} and {@code .rejected} (a running total). */
    public void registerMetrics(MetricRegistry metrics) {
        metrics.register("passwords.hashing.queued", (Gauge<Integer>) this::queued);
        metrics.register("passwords.hashing.active", (Gauge<Integer>) pool::getActiveCount);
        metrics.register("passwords.hashing.rejected", (Gauge<Long>) rejected::get);
    }

    @Override
    public List<Problem.FieldError> check(String field, String password) {
        return rules.check(field, password);
    }

    /**
     * A new hash. Only what cannot be hashed is refused here (400: missing, over the maximum length,
     * not Unicode text); the other rules are for new passwords ({@link #check}), not for upgrading the
     * hash of an existing one.
     */
    @Override
    public String hash(String password) {
        List<Problem.FieldError> unhashable = rules.unhashable("password", password);
        if (!unhashable.isEmpty()) {
            throw ApiException.invalid(unhashable);
        }
        return run(() -> hasher.hash(password));
    }

    /** A password over the maximum length never matches and is not hashed (no stored hash can be of one). */
    @Override
    public Verification verify(String password, String storedHash) {
        if (password == null || storedHash == null || rules.tooLong(password)) {
            return NO_MATCH;
        }
        return run(() -> hasher.verify(password, storedHash));
    }

    /** The time of one verification at the current parameters, for an e-mail without an account. */
    @Override
    public void burn(String password) {
        if (password != null && rules.tooLong(password)) {
            return;
        }
        run(() -> {
            hasher.verifyDummy(password);
            return null;
        });
    }

    /** Tasks waiting for a thread. */
    public int queued() {
        return pool.getQueue().size();
    }

    /** The most threads this pool has had at once (never more than {@code hashingThreads}). */
    public int largestThreadCount() {
        return pool.getLargestPoolSize();
    }

    /** Runs {@code work} on the pool and waits for it; busy when the queue is full or the wait runs out. */
    <T> T run(Callable<T> work) {
        Future<T> f;
        try {
            f = pool.submit(work);
        } catch (RejectedExecutionException e) {
            rejected.incrementAndGet();
            throw new HashingBusyException(RETRY_AFTER_SECONDS);
        }
        try {
            return f.get(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new HashingBusyException(RETRY_AFTER_SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            rejected.incrementAndGet();
            throw new HashingBusyException(RETRY_AFTER_SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }

    @Override
    public void start() {
        // threads start on demand, up to hashingThreads
    }

    @Override
    public void stop() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }
}
