package com.anastig.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Migrations on a real PostgreSQL: idempotent, safe when nodes start together, not stuck on a dead lock. */
class MigrationsIT {

    @Test
    void severalNodesMigratingAtOnceApplyEachChangesetOnce() throws Exception {
        SharedPostgres.TestDatabase db = SharedPostgres.newEmptyDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> new Migrations(db.asOwner(), SharedPostgres.APP.user(), SharedPostgres.CROSS_TENANT.user()).migrate()));
            }
            int applied = 0;
            for (Future<Integer> run : runs) {
                applied += run.get(60, TimeUnit.SECONDS);
            }
            assertThat(applied).isEqualTo(changesets(db));
            assertThat(applied).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(new Migrations(db.asOwner(), SharedPostgres.APP.user(), SharedPostgres.CROSS_TENANT.user()).migrate()).isZero();
    }

    @Test
    void aLockLeftBehindByAKilledProcessDoesNotBlockStartUp() throws Exception {
        SharedPostgres.TestDatabase db = SharedPostgres.newDatabase();
        try (Connection c = db.asOwner().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE databasechangeloglock SET locked = TRUE, lockgranted = now() - interval '1 minute',"
                + " lockedby = 'killed-node (10.0.0.9)' WHERE id = 1");
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> run = pool.submit(() -> new Migrations(db.asOwner(), SharedPostgres.APP.user(), SharedPostgres.CROSS_TENANT.user()).migrate());
            assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = db.asOwner().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT locked FROM databasechangeloglock WHERE id = 1")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isFalse();
        }
    }

    @Test
    void aLiveMigratorIsWaitedFor() throws Exception {
        SharedPostgres.TestDatabase db = SharedPostgres.newDatabase();
        try (Connection holder = db.asOwner().getConnection(); Statement s = holder.createStatement()) {
            // another node is migrating: it holds the advisory lock
            s.execute("SELECT pg_advisory_lock(" + 0x616e6173746967L + ")");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> run = pool.submit(() -> new Migrations(db.asOwner(), SharedPostgres.APP.user(), SharedPostgres.CROSS_TENANT.user()).migrate());
                Thread.sleep(1000);
                assertThat(run.isDone()).isFalse();
                s.execute("SELECT pg_advisory_unlock(" + 0x616e6173746967L + ")");
                assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static int changesets(SharedPostgres.TestDatabase db) throws Exception {
        try (Connection c = db.asOwner().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
