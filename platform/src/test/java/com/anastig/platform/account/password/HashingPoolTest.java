package com.anastig.platform.account.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HashingPoolTest {

    @Test
    void longPasswordsAreNotTruncated() {
        PasswordConfig config = new PasswordConfig(1024, 1, 1, 1, 8);
        HashingPool pool = new HashingPool(config, new PasswordHasher(config), new PasswordRules());
        String longOne = "y".repeat(999) + "a";
        String hash = pool.hash(longOne);
        assertThat(pool.verify(longOne, hash).matches()).isTrue();
        assertThat(pool.verify("y".repeat(999) + "b", hash).matches()).isFalse();
    }

    @Test
    void aFullPoolRefusesFastInsteadOfQueueingForever() throws Exception {
        PasswordConfig config = new PasswordConfig(65536, 3, 1, 1, 1);
        HashingPool pool = new HashingPool(config, new PasswordHasher(config), new PasswordRules());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(callers.submit(() -> pool.hash("a password to hash")));
            }
            int busy = 0;
            int done = 0;
            for (Future<?> f : calls) {
                try {
                    f.get();
                    done++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(HashingPool.BusyException.class);
                    busy++;
                }
            }
            assertThat(done).isBetween(1, 7);
            assertThat(busy).isPositive();
        } finally {
            callers.shutdownNow();
            pool.stop();
        }
        assertThatThrownBy(() -> pool.hash("after stop")).isInstanceOf(HashingPool.BusyException.class);
    }
}
