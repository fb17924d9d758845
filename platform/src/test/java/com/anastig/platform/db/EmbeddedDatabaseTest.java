package com.anastig.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {
    @Test
    void explainsThatPostgresRefusesRoot() {
        Exception failure = new IllegalStateException("Process [initdb, -A, trust] failed");
        String message = EmbeddedDatabase.explain(failure, Path.of("data/postgres"), true);
        assertThat(message).contains("running as root").contains("normal user").contains("database.mode: external");
    }

    @Test
    void doesNotBlameRootForOtherFailures() {
        Exception failure = new IllegalStateException("could not lock data/postgres/epg-lock");
        String message = EmbeddedDatabase.explain(failure, Path.of("data/postgres"), true);
        assertThat(message).doesNotContain("running as root").contains("Another process is using this data directory");
    }
}
