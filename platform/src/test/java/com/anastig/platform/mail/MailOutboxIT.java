package com.anastig.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.plugin.ManagedProvider;
import com.anastig.platform.plugin.PluginHost;
import com.anastig.platform.plugin.PluginsConfig;
import com.anastig.platform.plugin.ProviderChoice;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.Timeouts;
import com.anastig.tenantconfig.Sealer;
import com.anastig.tenantconfig.SealingKeys;
import io.dropwizard.jackson.Jackson;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on a real database, sending through the real mail plugins. */
class MailOutboxIT {
    private static final MailAddress FROM = new MailAddress("no-reply@anastig.test", "Anastig");
    @TempDir
    Path temp;
    private PluginHost host;
    private Jdbi jdbi;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private MailOutbox outbox;

    @BeforeEach
    void setUp() throws Exception {
        host = new PluginHost(new PluginsConfig(TestApp.pluginsDirectory(), Map.of()), temp.resolve("plugins"));
        host.start();
        jdbi = Jdbi.create(SharedPostgres.newDatabase().asApp());
        Sealer sealer = new Sealer(SealingKeys.of("k1", Map.of("k1", new byte[32])));
        outbox = new MailOutbox(sealer, Jackson.newObjectMapper(), clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        host.stop();
    }

    private ManagedProvider<MailSender> provider(String id, Map<String, String> settings) throws Exception {
        ProviderContext context = new ProviderContext(OutboundPolicy.unrestricted(new Timeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(5))), clock, Files.createDirectories(temp.resolve("ctx")));
        ManagedProvider<MailSender> p = new ManagedProvider<>("mail", new ProviderChoice(id, settings, Map.of()),
            host.providers()::mail, context, s -> s);
        p.start();
        return p;
    }

    private OutgoingMail mail() {
        return new OutgoingMail("verify_email", "person@example.test", "Confirm your e-mail",
            "Open http://localhost:8080/verify#token=SECRET-TOKEN-123", "<p>Open the link</p>");
    }

    @Test
    void queuedMailIsSealedThenSentAndItsContentRemoved() throws Exception {
        Path dir = temp.resolve("outbox");
        UUID id = jdbi.inTransaction(h -> outbox.enqueue(h, mail()));
        String sealed = jdbi.withHandle(h -> h.createQuery("SELECT sealed_message FROM mail_outbox WHERE id = :id")
            .bind("id", id).mapTo(String.class).one());
        assertThat(sealed).startsWith("v1:k1:").doesNotContain("SECRET-TOKEN").doesNotContain("person@");

        OutboxDispatcher dispatcher = new OutboxDispatcher(jdbi, outbox, provider("log", Map.of("outbox", dir.toString())),
            FROM, OutboxConfig.defaults(), clock);
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            String eml = Files.readString(files.filter(f -> f.toString().endsWith(".eml")).findFirst().orElseThrow());
            assertThat(eml).contains("Subject: Confirm your e-mail").contains("X-Anastig-Kind: verify_email");
        }
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT * FROM mail_outbox WHERE id = :id")
            .bind("id", id).mapToMap().one());
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("sealed_message")).isNull();
        assertThat((String) row.get("provider_message_id")).isNotBlank();
    }

    @Test
    void aRolledBackChangeQueuesNothing() {
        try {
            jdbi.useTransaction(h -> {
                outbox.enqueue(h, mail());
                throw new IllegalStateException("the change failed");
            });
        } catch (IllegalStateException expected) {
            // the mail goes with the change
        }
        int queued = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox").mapTo(Integer.class).one());
        assertThat(queued).isZero();
    }

    @Test
    void aMailOutageLosesNothingAndBacksOff() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        UUID id = jdbi.inTransaction(h -> outbox.enqueue(h, mail()));
        ManagedProvider<MailSender> smtp = provider("smtp", Map.of("host", "127.0.0.1", "port", String.valueOf(closedPort),
            "security", "none"));
        OutboxDispatcher dispatcher = new OutboxDispatcher(jdbi, outbox, smtp, FROM, OutboxConfig.defaults(), clock);
        assertThat(dispatcher.dispatchDue()).isZero();
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT * FROM mail_outbox WHERE id = :id")
            .bind("id", id).mapToMap().one());
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("last_error")).isEqualTo("UNAVAILABLE");
        assertThat(row.get("sent_at")).isNull();
        assertThat(row.get("failed_at")).isNull();
        assertThat(row.get("sealed_message")).isNotNull();
        assertThat(((java.sql.Timestamp) row.get("next_attempt_at")).toInstant()).isEqualTo(clock.instant().plusSeconds(10));
    }

    @Test
    void backoffDoublesUpToTheCap() {
        OutboxConfig c = OutboxConfig.defaults();
        assertThat(c.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.backoff(30)).isEqualTo(Duration.ofHours(1));
    }
}
