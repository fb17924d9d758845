package com.anastig.platform.account.password;

import com.anastig.platform.account.PasswordHashing;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
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

/**
 * Every password hash and verification runs here, on a fixed number of threads with a bounded
 * queue: a login flood fills this pool and is refused fast (503 {@code busy} with Retry-After)
 * instead of taking every request thread. Implements the account code's {@link PasswordHashing}.
 */
public final class HashingPool implements Managed, PasswordHashing {
    private final PasswordHasher hasher;
    private final PasswordRules rules;
    private final ThreadPoolExecutor pool;

    public HashingPool(PasswordConfig config, PasswordHasher hasher, PasswordRules rules) {
        this.hasher = hasher;
        this.rules = rules;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.hashingThreads(), config.hashingThreads(), 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.queueCapacity()), r -> {
                Thread t = new Thread(r, "password-hashing-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public List<Problem.FieldError> check(String field, String password) {
        return rules.check(field, password);
    }

    @Override
    public String hash(String password) {
        return run(() -> hasher.hash(password));
    }

    @Override
    public Verification verify(String password, String storedHash) {
        return run(() -> hasher.verify(password, storedHash));
    }

    @Override
    public void burn(String password) {
        run(() -> {
            hasher.burn(password);
            return null;
        });
    }

    /** Threads busy and tasks waiting, for metrics. */
    public int queued() {
        return pool.getQueue().size();
    }

    private <T> T run(Callable<T> work) {
        Future<T> f;
        try {
            f = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw new BusyException();
        }
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new BusyException();
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new BusyException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }

    @Override
    public void start() {
        // threads start on demand
    }

    @Override
    public void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** 503 {@code busy}: every hashing thread is taken and the queue is full; try again in a moment. */
    public static final class BusyException extends ApiException {
        BusyException() {
            super(503, "busy", "Busy", "Too many logins at once; try again in a moment.");
        }

        @Override
        protected java.util.Map<String, Object> extensions() {
            return java.util.Map.of("retryAfterSeconds", 1);
        }
    }
}
