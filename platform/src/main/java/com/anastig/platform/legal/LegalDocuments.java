package com.anastig.platform.legal;

import com.anastig.platform.config.MailConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The Terms, Privacy Policy and Acceptable Use Policy, their versions, and which one is in force.
 * Bodies are served with the configured addresses filled in.
 */
public final class LegalDocuments {
    /** The document types, in the order they are shown. */
    public static final List<String> TYPES = List.of("terms", "privacy", "aup");

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, String> placeholders;

    public LegalDocuments(Jdbi jdbi, Clock clock, MailConfig addresses) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.placeholders = Map.of(
            "{{noReplyAddress}}", addresses.noReplyAddress(),
            "{{privacyAddress}}", addresses.privacyAddress(),
            "{{supportAddress}}", addresses.supportAddress());
    }

    /** The version of each type in force now, keyed by type. */
    public Map<String, LegalDocumentRow> current() {
        Map<String, LegalDocumentRow> out = new java.util.LinkedHashMap<>();
        List<LegalDocumentRow> rows = jdbi.withExtension(LegalDocumentDao.class, dao -> dao.current(clock.instant()));
        TYPES.forEach(t -> rows.stream().filter(r -> r.type().equals(t)).findFirst().ifPresent(r -> out.put(t, r)));
        return out;
    }

    /** Every version of one type, newest first; empty for an unknown type. */
    public List<LegalDocumentRow> versions(String type) {
        if (!TYPES.contains(type)) {
            return List.of();
        }
        return jdbi.withExtension(LegalDocumentDao.class, dao -> dao.versions(type));
    }

    public Optional<LegalDocumentRow> find(String type, String version) {
        if (!TYPES.contains(type) || version == null || version.length() > 40) {
            return Optional.empty();
        }
        return jdbi.withExtension(LegalDocumentDao.class, dao -> dao.find(type, version));
    }

    /** The body with the configured addresses filled in. */
    public String render(LegalDocumentRow row) {
        String body = row.body();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            body = body.replace(p.getKey(), p.getValue());
        }
        return body;
    }

    /**
     * The types whose accepted version is not the one in force now.
     *
     * @param accepted type to version as the person read them
     */
    public Set<String> staleOrMissing(Map<String, String> accepted) {
        Set<String> stale = new java.util.TreeSet<>();
        Map<String, LegalDocumentRow> current = current();
        for (String type : TYPES) {
            LegalDocumentRow row = current.get(type);
            String version = accepted == null ? null : accepted.get(type);
            if (row == null || !row.version().equals(version)) {
                stale.add(type);
            }
        }
        return stale;
    }
}
