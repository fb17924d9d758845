package com.anastig.platform.privacy;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.tenant.CrossTenantDb;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The retention promises of the privacy policy as a table an auditor can check: each category of
 * personal or technical data, how long it is kept, how many rows are held, how many are past their
 * period (the housekeeping and expiry jobs bring these to zero), and the oldest row.
 * {@code retention report <config>} prints it.
 */
public final class RetentionReport {
    private final Jdbi app;
    private final CrossTenantDb crossTenant;
    private final RetentionConfig config;
    private final Clock clock;

    public RetentionReport(Jdbi app, CrossTenantDb crossTenant, RetentionConfig config, Clock clock) {
        this.app = app;
        this.crossTenant = crossTenant;
        this.config = config;
        this.clock = clock;
    }

    /** One category: its period in words, rows held, rows past the period, the oldest row's time (null: none). */
    public record Category(String name, String period, long held, long pastPeriod, Instant oldest) {
    }

    public List<Category> categories() {
        Instant now = clock.instant();
        Duration fingerprints = Duration.ofMillis(config.errorFingerprints().toMilliseconds());
        List<Category> out = new ArrayList<>();
        app.useHandle(h -> {
            out.add(category(h, "security events", "24 months", "security_event", "at", "at < :cutoff",
                now.atOffset(java.time.ZoneOffset.UTC).minusMonths(24).toInstant()));
            out.add(category(h, "verification, reset and e-mail change tokens", "until used, superseded or 60 minutes old", "account_token",
                "created_at", "expires_at <= :cutoff OR used_at IS NOT NULL OR superseded_at IS NOT NULL", now));
            out.add(category(h, "sessions", "a day after they end (logout, revocation, absolute timeout)", "session", "created_at",
                "revoked_at < :cutoff OR absolute_expires_at < :cutoff", now.minus(Duration.ofDays(1))));
            out.add(category(h, "sent mail metadata", "30 days after sending", "mail_outbox", "sent_at", "sent_at < :cutoff",
                now.minus(Duration.ofDays(30))));
            out.add(category(h, "error fingerprints", "retention.errorFingerprints (" + fingerprints.toDays() + " days) after last seen",
                "error_fingerprint", "last_seen", "last_seen < :cutoff", now.minus(fingerprints)));
            out.add(category(h, "privacy requests", "as long as the account (answers are evidence)", "privacy_request", "created_at",
                "created_at < :cutoff AND false", now));
        });
        crossTenant.call("retention_report", Actor.system(), AuditEntry.of("retention_report", "platform", "all"), h -> {
            out.add(category(h, "invitations", "7 days (until the link expires), then deleted within the hour", "invitation", "created_at",
                "expires_at < :cutoff", now.minus(Duration.ofHours(2))));
            out.add(category(h, "dataset export ZIPs", "workspace.exportLinkExpiry after they finish", "dataset_export", "expires_at",
                "object_key IS NOT NULL AND expires_at < :cutoff", now.minus(Duration.ofMinutes(5))));
            out.add(category(h, "direct uploads never completed", "twice workspace.uploadUrlExpiry", "image_upload", "expires_at",
                "expires_at < :cutoff", now.minus(Duration.ofHours(1))));
            return null;
        });
        return out;
    }

    private static Category category(Handle h, String name, String period, String table, String timeColumn, String pastCondition,
                                     Instant cutoff) {
        return h.createQuery("SELECT count(*), count(*) FILTER (WHERE " + pastCondition + "), min(" + timeColumn + ") FROM " + table)
            .bind("cutoff", cutoff)
            .map((rs, ctx) -> {
                OffsetDateTime oldest = rs.getObject(3, OffsetDateTime.class);
                return new Category(name, period, rs.getLong(1), rs.getLong(2), oldest == null ? null : oldest.toInstant());
            }).one();
    }

    /** Prints the table; returns how many categories hold rows past their period. */
    public int print(PrintStream out) {
        List<Category> categories = categories();
        out.printf("%-46s %-62s %8s %8s  %s%n", "category", "kept", "held", "past", "oldest");
        int overdue = 0;
        for (Category c : categories) {
            out.printf("%-46s %-62s %8d %8d  %s%n", c.name(), c.period(), c.held(), c.pastPeriod(), c.oldest() == null ? "-" : c.oldest());
            overdue += c.pastPeriod() > 0 ? 1 : 0;
        }
        return overdue;
    }
}
