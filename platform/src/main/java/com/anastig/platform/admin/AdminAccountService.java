package com.anastig.platform.admin;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.account.AccountTokens;
import com.anastig.platform.account.PasswordResetService;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.mail.MailOutbox;
import com.anastig.platform.mail.MailTemplates;
import com.anastig.platform.security.SecurityEvents;
import com.anastig.platform.session.SessionStore;
import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Operators' actions on accounts. Each needs a reason (10 to 500 characters) and writes its audit
 * event into the platform's chain in the same transaction as the change, plus a security event the
 * person sees. Sessions end on every node (the database rows in the transaction, the cache after it).
 */
public final class AdminAccountService {
    /** What an operator may do to an account. */
    public enum Action {
        SUSPEND, UNSUSPEND, REVOKE_SESSIONS, RESET_MFA, FORCE_PASSWORD_RESET, DELETE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Action parse(String text) {
            for (Action a : values()) {
                if (a.wire().equals(text)) {
                    return a;
                }
            }
            throw ApiException.invalid(List.of(new Problem.FieldError("action",
                "must be suspend, unsuspend, revoke-sessions, reset-mfa, force-password-reset or delete")));
        }
    }

    private final Jdbi jdbi;
    private final TenantDb tenants;
    private final CrossTenantDb crossTenant;
    private final AuditLog audit;
    private final SessionStore sessions;
    private final SecurityEvents events;
    private final AccountTokens tokens;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final Clock clock;

    public AdminAccountService(Jdbi jdbi, TenantDb tenants, CrossTenantDb crossTenant, AuditLog audit, SessionStore sessions,
                               SecurityEvents events, AccountTokens tokens, MailOutbox outbox, MailTemplates templates, Clock clock) {
        this.jdbi = jdbi;
        this.tenants = tenants;
        this.crossTenant = crossTenant;
        this.audit = audit;
        this.sessions = sessions;
        this.events = events;
        this.tokens = tokens;
        this.outbox = outbox;
        this.templates = templates;
        this.clock = clock;
    }

    /** A reason an operator gives: 10 to 500 characters once trimmed; 400 otherwise. */
    public static String reason(String raw) {
        String reason = raw == null ? "" : raw.strip();
        if (reason.length() < 10 || reason.length() > 500) {
            throw ApiException.invalid(List.of(new Problem.FieldError("reason", "give a reason of 10 to 500 characters")));
        }
        return reason;
    }

    public Map<String, Object> act(UUID operator, UUID account, String rawAction, String rawReason, Actor actor) {
        Action action = Action.parse(rawAction);
        String reason = reason(rawReason);
        if (operator.equals(account) && (action == Action.SUSPEND || action == Action.DELETE)) {
            throw ApiException.conflict("self_action", "Operators cannot suspend or delete their own account.");
        }
        Instant now = clock.instant();
        List<UUID> ended = jdbi.inTransaction(h -> {
            Map<String, Object> row = h.createQuery("SELECT status, email, name, language FROM account WHERE id = :id FOR UPDATE")
                .bind("id", account).mapToMap().findOne().orElseThrow(ApiException::notFound);
            String status = (String) row.get("status");
            List<UUID> revoked = switch (action) {
                case SUSPEND -> {
                    setStatus(h, account, "suspended", now);
                    yield sessions.revokeAll(h, account, null, "suspended");
                }
                case UNSUSPEND -> {
                    if (!"suspended".equals(status)) {
                        throw ApiException.conflict("not_suspended", "The account is not suspended.");
                    }
                    setStatus(h, account, "active", now);
                    yield List.of();
                }
                case REVOKE_SESSIONS -> sessions.revokeAll(h, account, null, "revoked_by_operator");
                case RESET_MFA -> {
                    h.createUpdate("UPDATE account SET mfa_enabled = false, totp_secret_sealed = NULL, totp_pending_sealed = NULL,"
                        + " updated_at = :now WHERE id = :id").bind("now", now).bind("id", account).execute();
                    h.createUpdate("DELETE FROM recovery_code WHERE account_id = :id").bind("id", account).execute();
                    yield sessions.revokeAll(h, account, null, "mfa_reset");
                }
                case FORCE_PASSWORD_RESET -> {
                    // no password matches this value: login fails until the mailed reset link is used
                    h.createUpdate("UPDATE account SET password_hash = '!reset-required', updated_at = :now WHERE id = :id")
                        .bind("now", now).bind("id", account).execute();
                    String token = tokens.issue(h, account, PasswordResetService.PASSWORD_RESET, PasswordResetService.RESET_TTL);
                    outbox.enqueue(h, templates.render(PasswordResetService.PASSWORD_RESET, (String) row.get("language"),
                        (String) row.get("email"), (String) row.get("name"), "/reset-password?token=" + token));
                    yield sessions.revokeAll(h, account, null, "password_reset_forced");
                }
                case DELETE -> {
                    setStatus(h, account, "frozen", now);
                    yield sessions.revokeAll(h, account, null, "frozen_by_operator");
                }
            };
            events.record(h, account, "operator_" + action.name().toLowerCase(Locale.ROOT), SecurityEvents.Origin.UNKNOWN);
            audit.append(tenants.enter(h, OrgId.PLATFORM, operator), actor,
                AuditEntry.of("operator.account." + action.wire(), "account", account).withReason(reason));
            return revoked;
        });
        sessions.evict(ended);
        if (action == Action.DELETE || action == Action.SUSPEND || action == Action.UNSUSPEND) {
            suspendMemberships(account, action != Action.UNSUSPEND, actor, reason);
        }
        return Map.of("id", account.toString(), "action", action.wire(), "at", now.toString());
    }

    /** Suspends (or restores) the person's memberships and the API tokens they created, in every organization. */
    private void suspendMemberships(UUID account, boolean suspend, Actor actor, String reason) {
        Instant now = clock.instant();
        crossTenant.call("account_suspension", actor, AuditEntry.of("account_suspension", "account", account).withReason(reason), h -> {
            h.createUpdate("UPDATE membership SET suspended_at = " + (suspend ? ":now" : "NULL") + " WHERE account_id = :id")
                .bind("now", now).bind("id", account).execute();
            h.createUpdate("UPDATE api_token SET suspended_at = " + (suspend ? ":now" : "NULL") + " WHERE created_by = :id")
                .bind("now", now).bind("id", account).execute();
            return null;
        });
    }

    private static void setStatus(Handle h, UUID account, String status, Instant now) {
        h.createUpdate("UPDATE account SET status = :status, updated_at = :now WHERE id = :id")
            .bind("status", status).bind("now", now).bind("id", account).execute();
    }
}
