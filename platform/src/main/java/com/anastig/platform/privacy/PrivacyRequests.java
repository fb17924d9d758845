package com.anastig.platform.privacy;

import com.anastig.platform.admin.AdminAccountService;
import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Paging;
import com.anastig.platform.http.Problem;
import com.anastig.platform.mail.MailOutbox;
import com.anastig.platform.mail.MailTemplates;
import com.anastig.platform.security.SecurityEvents;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Privacy requests: a person asks (access, rectification, erasure, portability, restriction,
 * objection); the request is recorded with its legal deadline (one month), acknowledged by mail in the
 * person's language and queued for operators, who resolve it with a reason (audited in the platform's
 * chain). Restriction and objection take effect at once as flags on the account, which the code that
 * processes personal data beyond storage must check ({@link #restricted}); an operator rejecting the
 * request clears the flag.
 */
public final class PrivacyRequests {
    public static final List<String> TYPES = List.of("access", "rectification", "erasure", "portability", "restriction", "objection");
    static final int MAX_DETAILS = 5000;
    static final int MAX_OPEN = 10;
    private final Jdbi jdbi;
    private final TenantDb tenants;
    private final AuditLog audit;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final SecurityEvents events;
    private final Clock clock;

    public PrivacyRequests(Jdbi jdbi, TenantDb tenants, AuditLog audit, MailOutbox outbox, MailTemplates templates, SecurityEvents events,
                           Clock clock) {
        this.jdbi = jdbi;
        this.tenants = tenants;
        this.audit = audit;
        this.outbox = outbox;
        this.templates = templates;
        this.events = events;
        this.clock = clock;
    }

    /** A request as its author and the operators see it ({@code email} for operators only). */
    public record Request(UUID id, UUID accountId, String email, String type, String details, String status, Instant createdAt, Instant dueAt,
                          boolean overdue, Instant resolvedAt, String resolution, String reason) {
    }

    private RowMapper<Request> mapper(boolean withEmail) {
        Instant now = clock.instant();
        return (rs, ctx) -> {
            Instant due = rs.getObject("due_at", OffsetDateTime.class).toInstant();
            OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
            return new Request(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), withEmail ? rs.getString("email") : null,
                rs.getString("type"), rs.getString("details"), rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                due, resolved == null && now.isAfter(due), resolved == null ? null : resolved.toInstant(), rs.getString("resolution"),
                rs.getString("reason"));
        };
    }

    public Request submit(UUID account, String rawType, String rawDetails, SecurityEvents.Origin origin) {
        String type = rawType == null ? "" : rawType.toLowerCase(Locale.ROOT);
        String details = rawDetails == null ? "" : rawDetails.strip();
        if (!TYPES.contains(type)) {
            throw ApiException.invalid(List.of(new Problem.FieldError("type", "one of " + String.join(", ", TYPES))));
        }
        if (details.length() > MAX_DETAILS || details.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw ApiException.invalid(List.of(new Problem.FieldError("details", "at most " + MAX_DETAILS + " characters of text")));
        }
        Instant now = clock.instant();
        Instant due = now.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        UUID id = UUID.randomUUID();
        return jdbi.inTransaction(h -> {
            Map<String, Object> person = h.createQuery("SELECT email, name, language FROM account WHERE id = :id FOR UPDATE").bind("id", account)
                .mapToMap().one();
            long open = h.createQuery("SELECT count(*) FROM privacy_request WHERE account_id = :a AND status = 'open'").bind("a", account)
                .mapTo(Long.class).one();
            if (open >= MAX_OPEN) {
                throw ApiException.conflict("too_many_open_requests", "You have " + open + " open privacy requests; wait for an answer first.");
            }
            h.createUpdate("INSERT INTO privacy_request (id, account_id, type, details, status, created_at, due_at)"
                    + " VALUES (:id, :a, :type, :details, 'open', :now, :due)")
                .bind("id", id).bind("a", account).bind("type", type).bind("details", details).bind("now", now).bind("due", due).execute();
            if (type.equals("restriction")) {
                h.createUpdate("UPDATE account SET processing_restricted_at = coalesce(processing_restricted_at, :now) WHERE id = :a")
                    .bind("now", now).bind("a", account).execute();
            } else if (type.equals("objection")) {
                h.createUpdate("UPDATE account SET objected_at = coalesce(objected_at, :now) WHERE id = :a").bind("now", now).bind("a", account)
                    .execute();
            }
            String language = (String) person.get("language");
            outbox.enqueue(h, templates.render("privacy_request_received", language, (String) person.get("email"), (String) person.get("name"),
                "/privacy", typeName(type, language), due.atOffset(ZoneOffset.UTC).toLocalDate().toString()));
            events.record(h, account, "privacy_request_" + type, origin);
            return h.createQuery("SELECT * FROM privacy_request WHERE id = :id").bind("id", id).map(mapper(false)).one();
        });
    }

    /** The account's own requests, newest first, and its flags. */
    public Map<String, Object> mine(UUID account) {
        return jdbi.withHandle(h -> {
            List<Request> items = h.createQuery("SELECT * FROM privacy_request WHERE account_id = :a ORDER BY created_at DESC LIMIT 500")
                .bind("a", account).map(mapper(false)).list();
            Map<String, Object> flags = h.createQuery("SELECT processing_restricted_at IS NOT NULL AS restricted, objected_at IS NOT NULL AS objected"
                + " FROM account WHERE id = :a").bind("a", account).mapToMap().one();
            return Map.of("items", items, "processingRestricted", flags.get("restricted"), "objected", flags.get("objected"));
        });
    }

    /** Whether the account asked for restriction or objected: its data is then not processed beyond storage. */
    public static boolean restricted(Handle h, UUID account) {
        return h.createQuery("SELECT processing_restricted_at IS NOT NULL OR objected_at IS NOT NULL FROM account WHERE id = :a")
            .bind("a", account).mapTo(Boolean.class).findOne().orElse(false);
    }

    /** The operators' queue: open requests by deadline (the most urgent first), or resolved ones newest first. */
    public Paging.Page<Request> queue(String status, Paging paging) {
        boolean open = status == null || status.equals("open");
        if (!open && !status.equals("resolved")) {
            throw ApiException.badRequest("invalid_filter", "status must be open or resolved.");
        }
        int offset = paging.position().map(p -> {
            try {
                return Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw Paging.invalidCursor();
            }
        }).orElse(0);
        List<Request> rows = jdbi.withHandle(h -> h.createQuery("SELECT r.*, a.email FROM privacy_request r JOIN account a ON a.id = r.account_id"
                + " WHERE r.status = :status ORDER BY " + (open ? "r.due_at, r.id" : "r.resolved_at DESC, r.id") + " LIMIT :limit OFFSET :offset")
            .bind("status", open ? "open" : "resolved").bind("limit", paging.limit() + 1).bind("offset", offset).map(mapper(true)).list());
        int[] index = {offset};
        return paging.page(rows, r -> Integer.toString(++index[0]), r -> r);
    }

    /** Resolves an open request with a reason; rejecting a restriction or objection lifts its flag. */
    public Request resolve(UUID operator, UUID id, String rawResolution, String rawReason, Actor actor) {
        String resolution = rawResolution == null ? "" : rawResolution.toLowerCase(Locale.ROOT);
        if (!resolution.equals("completed") && !resolution.equals("rejected")) {
            throw ApiException.invalid(List.of(new Problem.FieldError("resolution", "completed or rejected")));
        }
        String reason = AdminAccountService.reason(rawReason);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            Request r = h.createQuery("SELECT r.*, a.email FROM privacy_request r JOIN account a ON a.id = r.account_id WHERE r.id = :id FOR UPDATE OF r")
                .bind("id", id).map(mapper(true)).findOne().orElseThrow(ApiException::notFound);
            if (!r.status().equals("open")) {
                throw ApiException.conflict("already_resolved", "This request was resolved already.");
            }
            h.createUpdate("UPDATE privacy_request SET status = 'resolved', resolved_at = :now, resolved_by = :op, resolution = :res, reason = :reason"
                    + " WHERE id = :id").bind("now", now).bind("op", operator).bind("res", resolution).bind("reason", reason).bind("id", id).execute();
            if (resolution.equals("rejected") && (r.type().equals("restriction") || r.type().equals("objection"))) {
                h.createUpdate("UPDATE account SET " + (r.type().equals("restriction") ? "processing_restricted_at" : "objected_at")
                    + " = NULL WHERE id = :a").bind("a", r.accountId()).execute();
            }
            audit.append(tenants.enter(h, OrgId.PLATFORM, operator), actor, AuditEntry.of("operator.privacy_request." + resolution,
                "privacy_request", id).with("type", r.type()).with("account", r.accountId().toString()).withReason(reason));
            return h.createQuery("SELECT r.*, a.email FROM privacy_request r JOIN account a ON a.id = r.account_id WHERE r.id = :id").bind("id", id)
                .map(mapper(true)).one();
        });
    }

    private static String typeName(String type, String language) {
        if (!"de".equals(language)) {
            return type;
        }
        return switch (type) {
            case "access" -> "Auskunft";
            case "rectification" -> "Berichtigung";
            case "erasure" -> "Löschung";
            case "portability" -> "Datenübertragbarkeit";
            case "restriction" -> "Einschränkung der Verarbeitung";
            default -> "Widerspruch";
        };
    }
}
