package com.anastig.platform.admin;

import static com.anastig.platform.testing.Fixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.mfa.Totp;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.People;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operators' API over real HTTP with a real operator (granted by the command, TOTP enrolled, stepped up). */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminApiIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    private final People people = new People(APP);
    private final Totp totp = new Totp();

    private People.Person operator() throws Exception {
        People.Person op = people.signedIn("Operator");
        assertThat(op.api().get("/api/v1/admin/plugins").code()).isEqualTo("forbidden");
        assertThat(AccountsCommand.setOperator(DB.jdbiAsApp(), op.email().toUpperCase(), true)).contains(op.accountId());
        assertThat(op.api().get("/api/v1/admin/plugins").code()).isEqualTo("mfa_enrollment_required");
        String secret = op.api().post("/api/v1/me/mfa/totp", Map.of("password", PASSWORD)).body().path("secret").asText();
        assertThat(op.api().post("/api/v1/me/mfa/totp/confirm", Map.of("code", totp.codeAt(secret, Instant.now()))).status()).isEqualTo(200);
        op.api().withCsrf();
        ApiClient.Answer stepUp = op.api().post("/api/v1/session/step-up", Map.of("totp", totp.codeAt(secret, Instant.now().plusSeconds(30))));
        assertThat(stepUp.status()).as(String.valueOf(stepUp.body())).isEqualTo(204);
        return op;
    }

    private static ApiClient.Answer act(People.Person op, People.Person target, String action, String reason) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("action", action);
        if (reason != null) {
            body.put("reason", reason);
        }
        return op.api().post("/api/v1/admin/accounts/" + target.accountId() + "/actions", body);
    }

    private static String status(People.Person p) {
        return DB.jdbiAsApp().withHandle(h -> h.createQuery("SELECT status FROM account WHERE id = :id").bind("id", p.accountId())
            .mapTo(String.class).one());
    }

    @Test
    void onlySteppedUpOperatorsGetIn() throws Exception {
        People.Person op = operator();
        ApiClient.Answer plugins = op.api().get("/api/v1/admin/plugins");
        assertThat(plugins.status()).isEqualTo(200);
        assertThat(plugins.body().path("items").toString()).contains("storage:s3").contains("mail:log");
        People.Person someone = people.signedIn("Someone");
        assertThat(someone.api().get("/api/v1/admin/accounts").code()).isEqualTo("forbidden");
        assertThat(new ApiClient(APP.getLocalPort()).get("/api/v1/admin/plugins").status()).isEqualTo(401);
        ApiClient.Answer found = op.api().get("/api/v1/admin/accounts?email=" + someone.email().substring(0, 10));
        assertThat(found.body().path("items").toString()).contains(someone.accountId().toString());
    }

    @Test
    void everyActionNeedsAReasonAndIsAuditedWithIt() throws Exception {
        People.Person op = operator();
        People.Person target = people.signedIn("Target");
        for (String reason : new String[] {null, "", "          ", "too short", "x".repeat(501)}) {
            ApiClient.Answer refused = act(op, target, "suspend", reason);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("reason");
        }
        assertThat(status(target)).isEqualTo("active");
        assertThat(target.api().get("/api/v1/session").status()).isEqualTo(200);

        assertThat(act(op, target, "suspend", "Abuse report #4711 confirmed").status()).isEqualTo(200);
        assertThat(status(target)).isEqualTo("suspended");
        assertThat(target.api().get("/api/v1/session").status()).as("sessions end at once").isEqualTo(401);
        ApiClient login = new ApiClient(APP.getLocalPort());
        assertThat(login.post("/api/v1/session", Map.of("email", target.email(), "password", PASSWORD)).code()).isEqualTo("account_suspended");
        assertThat(act(op, target, "unsuspend", "Appeal accepted, ticket 99").status()).isEqualTo(200);
        assertThat(login.post("/api/v1/session", Map.of("email", target.email(), "password", PASSWORD)).status()).isEqualTo(200);

        JsonNode events = op.api().get("/api/v1/admin/audit-events?limit=500").body().path("items");
        boolean found = false;
        for (JsonNode e : events) {
            if (e.path("action").asText().equals("operator.account.suspend")) {
                found = true;
                assertThat(e.path("reason").asText()).isEqualTo("Abuse report #4711 confirmed");
                assertThat(e.path("actor").path("id").asText()).isEqualTo(op.accountId().toString());
                assertThat(e.path("target").path("id").asText()).isEqualTo(target.accountId().toString());
            }
        }
        assertThat(found).isTrue();
        assertThat(op.api().get("/api/v1/admin/security-events?account=" + target.accountId()).body().toString())
            .contains("operator_suspend");
        assertThat(act(op, op, "suspend", "trying to lock myself out").code()).isEqualTo("self_action");
        assertThat(act(op, target, "explode", "no such action exists here").status()).isEqualTo(400);
    }

    @Test
    void forcedResetRevokesAndMailsALinkAndDeleteFreezes() throws Exception {
        People.Person op = operator();
        People.Person target = people.signedIn("Reset Me");
        int before = people.outbox().mails().size();
        assertThat(act(op, target, "force-password-reset", "Credentials seen in a public paste").status()).isEqualTo(200);
        assertThat(target.api().get("/api/v1/session").status()).isEqualTo(401);
        people.outbox().await(before, target.email());
        ApiClient login = new ApiClient(APP.getLocalPort());
        assertThat(login.post("/api/v1/session", Map.of("email", target.email(), "password", PASSWORD)).status()).isEqualTo(401);

        People.Person leaving = people.signedIn("Leaving");
        String org = leaving.api().post("/api/v1/orgs", Map.of("name", "Leaving Org")).body().path("id").asText();
        assertThat(act(op, leaving, "delete", "Deletion requested by letter").status()).isEqualTo(200);
        assertThat(status(leaving)).isEqualTo("frozen");
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT suspended_at IS NOT NULL FROM membership WHERE org_id = '" + org + "'")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
        assertThat(act(op, leaving, "revoke-sessions", "Belt and braces after freeze").status()).isEqualTo(200);
        assertThat(act(op, leaving, "reset-mfa", "Lost phone, identity checked").status()).isEqualTo(200);
    }

    @Test
    void operatorsSetAnOrganizationsQuotaWithAReasonAndItsMembersSeeIt() throws Exception {
        People.Person op = operator();
        People.Person owner = people.signedIn("Quota Owner");
        String org = owner.api().post("/api/v1/orgs", Map.of("name", "Big Data")).body().path("id").asText();
        assertThat(owner.api().get("/api/v1/orgs/" + org + "/usage").body().path("quotaBytes").isNull()).isTrue();
        Map<String, Object> noReason = new java.util.HashMap<>();
        noReason.put("quotaBytes", 5_000_000_000L);
        assertThat(op.api().send("PUT", "/api/v1/admin/orgs/" + org + "/quota", noReason, Map.of()).status()).isEqualTo(400);
        assertThat(op.api().send("PUT", "/api/v1/admin/orgs/" + org + "/quota",
            Map.of("quotaBytes", 5_000_000_000L, "reason", "Paid plan upgrade, invoice 12"), Map.of()).status()).isEqualTo(200);
        assertThat(owner.api().get("/api/v1/orgs/" + org + "/usage").body().path("quotaBytes").asLong()).isEqualTo(5_000_000_000L);
        assertThat(op.api().send("PUT", "/api/v1/admin/orgs/" + java.util.UUID.randomUUID() + "/quota",
            Map.of("quotaBytes", 1, "reason", "No such organization here"), Map.of()).status()).isEqualTo(404);
        assertThat(owner.api().send("PUT", "/api/v1/admin/orgs/" + org + "/quota",
            Map.of("quotaBytes", 1, "reason", "I would like more room"), Map.of()).code()).isEqualTo("forbidden");
        boolean audited = false;
        for (JsonNode e : owner.api().get("/api/v1/orgs/" + org + "/audit-events").body().path("items")) {
            audited |= e.path("action").asText().equals("operator.org.quota") && e.path("reason").asText().startsWith("Paid plan");
        }
        assertThat(audited).isTrue();
    }

    @Test
    void theAuditCommandVerifiesEveryChainAndFindsATamperedRow() throws Exception {
        People.Person op = operator();
        People.Person target = people.signedIn("Chain");
        act(op, target, "revoke-sessions", "Routine check of the chain");
        Jdbi crossTenant = Jdbi.create(DB.asCrossTenant());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(AuditCommand.verify(crossTenant, null, new PrintStream(out, true))).isZero();
        assertThat(out.toString()).contains("00000000-0000-0000-0000-000000000000 ok");
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            s.execute("UPDATE audit_event SET reason = 'nothing to see' WHERE action = 'operator.account.revoke-sessions'");
            s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
        }
        out.reset();
        assertThat(AuditCommand.verify(crossTenant, null, new PrintStream(out, true))).isEqualTo(1);
        assertThat(out.toString()).contains("BROKEN at event").contains("edited");
    }
}
