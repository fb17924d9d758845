package com.anastig.platform.mail;

import com.anastig.tenantconfig.Aad;
import com.anastig.tenantconfig.Sealer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Puts mail into the database outbox, in the caller's transaction: a message is queued exactly when
 * the change it reports commits, and a mail outage loses nothing. {@link OutboxDispatcher} sends it.
 */
public final class MailOutbox {
    private final Sealer sealer;
    private final ObjectMapper mapper;
    private final Clock clock;

    public MailOutbox(Sealer sealer, ObjectMapper mapper, Clock clock) {
        this.sealer = sealer;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Queues a message; returns its outbox id. */
    public UUID enqueue(Handle handle, OutgoingMail mail) {
        UUID id = UUID.randomUUID();
        String sealed;
        try {
            sealed = sealer.seal(mapper.writeValueAsString(mail), aad(id));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mail could not be serialized", e);
        }
        handle.createUpdate("INSERT INTO mail_outbox (id, kind, sealed_message, created_at, next_attempt_at)"
                + " VALUES (:id, :kind, :sealed, :now, :now)")
            .bind("id", id).bind("kind", mail.kind()).bind("sealed", sealed).bind("now", clock.instant())
            .execute();
        return id;
    }

    OutgoingMail open(UUID id, String sealed) {
        try {
            return mapper.readValue(sealer.open(sealed, aad(id)), OutgoingMail.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("queued mail " + id + " cannot be read", e);
        }
    }

    /** What a queued mail is sealed with. */
    public static Aad aad(UUID id) {
        return Aad.of("mail_outbox", id.toString());
    }
}
