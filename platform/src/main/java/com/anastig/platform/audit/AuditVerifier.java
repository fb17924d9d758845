package com.anastig.platform.audit;

import com.anastig.platform.tenant.OrgId;
import java.util.Arrays;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Walks a chain from its first event and reports the first broken link: a gap or reordering in the
 * sequence, a previous-hash that does not match, an event whose content no longer matches its hash,
 * or a head that does not point at the last event (the tail was cut off).
 */
public final class AuditVerifier {

    /** The outcome for one chain. */
    public record Result(OrgId chain, long events, Optional<BrokenLink> broken) {
        public boolean ok() {
            return broken.isEmpty();
        }
    }

    /** Where and why a chain breaks. */
    public record BrokenLink(long seq, String problem) {
    }

    public Result verify(Handle h, OrgId chain) {
        byte[] previous = AuditChain.GENESIS;
        long expected = 1;
        long count = 0;
        try (var events = h.createQuery("SELECT " + StoredEvent.COLUMNS + " FROM audit_event WHERE org_id = :org ORDER BY seq")
                 .bind("org", chain.value()).setFetchSize(500).map(StoredEvent::map).stream()) {
            for (StoredEvent e : (Iterable<StoredEvent>) events::iterator) {
                count++;
                if (e.seq() != expected) {
                    return new Result(chain, count, Optional.of(new BrokenLink(expected, "event " + expected + " is missing")));
                }
                if (!Arrays.equals(e.prevHash(), previous)) {
                    return new Result(chain, count, Optional.of(new BrokenLink(e.seq(), "its previous-hash does not match event " + (e.seq() - 1))));
                }
                byte[] recomputed = AuditChain.hash(previous, e);
                if (!Arrays.equals(recomputed, e.hash())) {
                    return new Result(chain, count, Optional.of(new BrokenLink(e.seq(), "its content does not match its hash (edited)")));
                }
                previous = e.hash();
                expected++;
            }
        }
        Optional<long[]> head = h.createQuery("SELECT seq FROM audit_head WHERE org_id = :org").bind("org", chain.value())
            .map((rs, ctx) -> new long[] {rs.getLong(1)}).findOne();
        long headSeq = head.map(x -> x[0]).orElse(0L);
        if (headSeq != expected - 1) {
            return new Result(chain, count, Optional.of(new BrokenLink(expected,
                "the chain head points at event " + headSeq + " but the last event is " + (expected - 1))));
        }
        return new Result(chain, count, Optional.empty());
    }
}
