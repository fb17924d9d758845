package com.anastig.platform.member;

import com.anastig.platform.account.EmailAddress;
import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.mail.MailOutbox;
import com.anastig.platform.mail.MailTemplates;
import com.anastig.platform.tenant.OrgBoundToken;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.Role;
import com.anastig.platform.tenant.TenantDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations by e-mail: a single-use link valid for 7 days whose token names its organization and
 * is kept only as its SHA-256; a newer invitation to the same address voids the older one. Only a
 * signed-in account whose verified address is the invited one can accept it.
 */
public final class InvitationService {
    public static final Duration TTL = Duration.ofDays(7);
    public static final String ACCEPT_PATH = "/invitations/accept?token=";

    private final TenantDb db;
    private final AuditLog audit;
    private final OrgBoundToken tokens;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final Clock clock;

    public InvitationService(TenantDb db, AuditLog audit, OrgBoundToken tokens, MailOutbox outbox, MailTemplates templates, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.tokens = tokens;
        this.outbox = outbox;
        this.templates = templates;
        this.clock = clock;
    }

    /** A pending invitation. */
    public record Invitation(UUID id, String email, Role role, UUID invitedBy, Instant createdAt, Instant expiresAt) {
    }

    public Invitation invite(OrgScope scope, String rawEmail, Role role, Actor actor) {
        EmailAddress email = EmailAddress.parse(rawEmail)
            .orElseThrow(() -> ApiException.invalid(List.of(new Problem.FieldError("email", "must be an e-mail address"))));
        if (role == null) {
            throw ApiException.invalid(List.of(new Problem.FieldError("role", "must be owner, admin, editor or viewer")));
        }
        if (!scope.role().atLeast(role)) {
            throw ApiException.forbidden("forbidden", "You cannot invite someone with a role above your own.");
        }
        Instant now = clock.instant();
        OrgBoundToken.Issued token = tokens.issue(scope.org());
        return db.inOrg(scope, t -> {
            boolean member = t.handle().createQuery("SELECT 1 FROM membership m JOIN account a ON a.id = m.account_id"
                    + " WHERE m.org_id = :org AND a.email_normalized = :email").bind("org", t.org().value()).bind("email", email.normalized())
                .mapTo(Integer.class).findOne().isPresent();
            if (member) {
                throw ApiException.conflict("already_member", "This person is already a member.");
            }
            t.handle().createUpdate("UPDATE invitation SET revoked_at = :now WHERE org_id = :org AND email_normalized = :email"
                    + " AND accepted_at IS NULL AND revoked_at IS NULL")
                .bind("now", now).bind("org", t.org().value()).bind("email", email.normalized()).execute();
            UUID id = UUID.randomUUID();
            t.handle().createUpdate("INSERT INTO invitation (id, org_id, email_normalized, role, token_hash, invited_by, created_at, expires_at)"
                    + " VALUES (:id, :org, :email, :role, :hash, :by, :now, :expires)")
                .bind("id", id).bind("org", t.org().value()).bind("email", email.normalized()).bind("role", role.wire())
                .bind("hash", token.hash()).bind("by", scope.principal().accountId()).bind("now", now).bind("expires", now.plus(TTL)).execute();
            Inviter inviter = t.handle().createQuery("SELECT a.name, a.language, o.name FROM account a, organization o"
                    + " WHERE a.id = :account AND o.id = :org")
                .bind("account", scope.principal().accountId()).bind("org", t.org().value())
                .map((rs, ctx) -> new Inviter(rs.getString(1), rs.getString(2), rs.getString(3))).one();
            outbox.enqueue(t.handle(), templates.render("invitation", inviter.language(), email.value(), null,
                ACCEPT_PATH + token.token(), inviter.name(), inviter.orgName(), role.wire()));
            audit.append(t, actor, AuditEntry.of("invitation.created", "invitation", id).with("role", role.wire()));
            return new Invitation(id, email.value(), role, scope.principal().accountId(), now, now.plus(TTL));
        });
    }

    /** Pending invitations (not accepted, revoked or expired), newest first. */
    public List<Invitation> pending(OrgScope scope) {
        return db.inOrg(scope, t -> t.handle().createQuery("SELECT id, email_normalized, role, invited_by, created_at, expires_at"
                + " FROM invitation WHERE org_id = :org AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now"
                + " ORDER BY created_at DESC LIMIT 500")
            .bind("org", t.org().value()).bind("now", clock.instant())
            .map((rs, ctx) -> new Invitation(rs.getObject(1, UUID.class), rs.getString(2), Role.parse(rs.getString(3)).orElseThrow(),
                rs.getObject(4, UUID.class), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant()))
            .list());
    }

    public void revoke(OrgScope scope, UUID id, Actor actor) {
        db.inOrg(scope, t -> {
            int n = t.handle().createUpdate("UPDATE invitation SET revoked_at = :now WHERE org_id = :org AND id = :id"
                    + " AND accepted_at IS NULL AND revoked_at IS NULL")
                .bind("now", clock.instant()).bind("org", t.org().value()).bind("id", id).execute();
            if (n == 0) {
                throw ApiException.notFound();
            }
            audit.append(t, actor, AuditEntry.of("invitation.revoked", "invitation", id));
            return null;
        });
    }

    /** The accepted membership: organization id and role. */
    public record Accepted(UUID orgId, Role role) {
    }

    /** Accepts with the signed-in account, whose verified address must be the invited one. */
    public Accepted accept(UUID accountId, String token, Actor actor) {
        OrgBoundToken.Parsed parsed = tokens.parse(token).orElseThrow(InvitationService::invalid);
        Instant now = clock.instant();
        return db.inOrg(parsed.org(), accountId, t -> {
            Optional<Row> row = t.handle().createQuery("SELECT i.id, i.email_normalized, i.role, i.expires_at, i.accepted_at, i.revoked_at"
                    + " FROM invitation i JOIN organization o ON o.id = i.org_id AND o.deleted_at IS NULL"
                    + " WHERE i.token_hash = :hash FOR UPDATE OF i")
                .bind("hash", parsed.hash())
                .map((rs, ctx) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), Role.parse(rs.getString(3)).orElseThrow(),
                    rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class) != null,
                    rs.getObject(6, OffsetDateTime.class) != null))
                .findOne();
            if (row.isEmpty() || row.get().revoked()) {
                throw invalid();
            }
            Row r = row.get();
            if (r.accepted()) {
                throw ApiException.badRequest("token_used", "This invitation has been accepted already.");
            }
            if (!r.expiresAt().isAfter(now)) {
                throw ApiException.badRequest("token_expired", "This invitation has expired: ask for a new one.");
            }
            boolean matches = t.handle().createQuery("SELECT 1 FROM account WHERE id = :id AND email_verified_at IS NOT NULL"
                    + " AND email_normalized = :email").bind("id", accountId).bind("email", r.email()).mapTo(Integer.class).findOne().isPresent();
            if (!matches) {
                throw ApiException.forbidden("invitation_mismatch", "This invitation was sent to another e-mail address.");
            }
            t.handle().createUpdate("UPDATE invitation SET accepted_at = :now, accepted_by = :account WHERE id = :id")
                .bind("now", now).bind("account", accountId).bind("id", r.id()).execute();
            Optional<Role> existing = t.handle().createQuery("SELECT role FROM membership WHERE org_id = :org AND account_id = :account")
                .bind("org", t.org().value()).bind("account", accountId).mapTo(String.class).findOne().flatMap(Role::parse);
            audit.append(t, actor, AuditEntry.of("invitation.accepted", "invitation", r.id()));
            if (existing.isPresent()) {
                return new Accepted(t.org().value(), existing.get());
            }
            t.handle().createUpdate("INSERT INTO membership (org_id, account_id, role, joined_at) VALUES (:org, :account, :role, :now)")
                .bind("org", t.org().value()).bind("account", accountId).bind("role", r.role().wire()).bind("now", now).execute();
            audit.append(t, actor, AuditEntry.of("member.joined", "account", accountId).with("role", r.role().wire()));
            return new Accepted(t.org().value(), r.role());
        });
    }

    private static ApiException invalid() {
        return ApiException.badRequest("invalid_token", "This invitation link is not valid.");
    }

    private record Row(UUID id, String email, Role role, Instant expiresAt, boolean accepted, boolean revoked) {
    }

    private record Inviter(String name, String language, String orgName) {
    }
}
