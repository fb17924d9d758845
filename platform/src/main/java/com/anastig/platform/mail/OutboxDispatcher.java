package com.anastig.platform.mail;

import com.anastig.platform.plugin.ManagedProvider;
import com.anastig.platform.plugin.ProviderNotAvailableException;
import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SendResult;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds through the mail provider. Each node claims due messages with
 * {@code FOR UPDATE SKIP LOCKED} and a lease (the next attempt time moves past the lease), so nodes
 * never send the same message at once and a dead node's claim simply expires. A failure is retried
 * with exponential backoff; a sent message keeps only its metadata (the sealed content is removed).
 */
public final class OutboxDispatcher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final java.time.Duration LEASE = java.time.Duration.ofMinutes(2);

    private final Jdbi jdbi;
    private final MailOutbox outbox;
    private final ManagedProvider<MailSender> mail;
    private final MailAddress from;
    private final OutboxConfig config;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public OutboxDispatcher(Jdbi jdbi, MailOutbox outbox, ManagedProvider<MailSender> mail, MailAddress from,
                            OutboxConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.mail = mail;
        this.from = from;
        this.config = config;
        this.clock = clock;
    }

    private record Claimed(UUID id, String sealedMessage, int attempts) {
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-outbox");
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMilliseconds();
        scheduler.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void runSafely() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            LOG.warn("Mail outbox round failed: {}", e.getMessage());
        }
    }

    /** Sends every message due now (one batch at a time); returns how many were sent. */
    public int dispatchDue() {
        MailSender sender;
        try {
            sender = mail.get();
        } catch (ProviderNotAvailableException e) {
            return 0;
        }
        int sent = 0;
        List<Claimed> batch;
        do {
            batch = claim();
            for (Claimed c : batch) {
                if (send(sender, c)) {
                    sent++;
                }
            }
        } while (batch.size() == config.batchSize());
        return sent;
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> h.createQuery("UPDATE mail_outbox SET next_attempt_at = :leaseEnd WHERE id IN ("
                + " SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= :now"
                + " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, sealed_message, attempts")
            .bind("now", now).bind("leaseEnd", now.plus(LEASE)).bind("limit", config.batchSize())
            .map((rs, ctx) -> new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3)))
            .list());
    }

    private boolean send(MailSender sender, Claimed c) {
        try {
            OutgoingMail message = outbox.open(c.id(), c.sealedMessage());
            SendResult result = sender.send(message.toMessage(from));
            jdbi.useHandle(h -> h.createUpdate("UPDATE mail_outbox SET sent_at = :now, sealed_message = NULL,"
                    + " provider_message_id = :pid, attempts = attempts + 1, last_error = NULL WHERE id = :id")
                .bind("now", clock.instant()).bind("pid", result.providerMessageId()).bind("id", c.id()).execute());
            return true;
        } catch (ProviderException e) {
            boolean permanent = e.kind() == ProviderException.Kind.INVALID_REQUEST || c.attempts() + 1 >= config.maxAttempts();
            failed(c, e.kind().name(), permanent);
            LOG.warn("Mail {} not sent (attempt {}): {}", c.id(), c.attempts() + 1, e.kind());
        } catch (RuntimeException e) {
            failed(c, "INTERNAL", c.attempts() + 1 >= config.maxAttempts());
            LOG.warn("Mail {} not sent (attempt {}): {}", c.id(), c.attempts() + 1, e.getClass().getSimpleName());
        }
        return false;
    }

    private void failed(Claimed c, String error, boolean permanent) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("UPDATE mail_outbox SET attempts = attempts + 1, last_error = :error,"
                + " next_attempt_at = :next, failed_at = :failedAt WHERE id = :id")
            .bind("error", error).bind("next", now.plus(config.backoff(c.attempts() + 1)))
            .bindByType("failedAt", permanent ? now : null, Instant.class).bind("id", c.id()).execute());
    }
}
