package com.anastig.platform.privacy;

import static com.anastig.platform.testing.Fixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.admin.AccountsCommand;
import com.anastig.platform.mfa.Totp;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.People;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Privacy requests end to end: recorded with a one-month deadline, acknowledged by mail in the person's
 * language, queued for operators by deadline, resolved with a reason (audited); restriction and
 * objection set flags at once, lifted only when an operator rejects the request.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PrivacyRequestsIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);
    private final People people = new People(APP);
    private final Totp totp = new Totp();

    private People.Person operator() throws Exception {
        People.Person op = people.signedIn("Privacy Operator");
        AccountsCommand.setOperator(DB.jdbiAsApp(), op.email(), true);
        String secret = op.api().post("/api/v1/me/mfa/totp", Map.of("password", PASSWORD)).body().path("secret").asText();
        op.api().post("/api/v1/me/mfa/totp/confirm", Map.of("code", totp.codeAt(secret, Instant.now())));
        op.api().withCsrf();
        op.api().post("/api/v1/session/step-up", Map.of("totp", totp.codeAt(secret, Instant.now().plusSeconds(30))));
        return op;
    }

    @Test
    void aRequestIsRecordedAcknowledgedInThePersonsLanguageAndResolvedByAnOperatorWithAReason() throws Exception {
        People.Person ada = people.signedIn("Ada Privacy");
        Jdbi.create(DB.asSuperuser()).useHandle(h -> h.execute("UPDATE account SET language = 'de' WHERE id = ?", ada.accountId()));
        int before = people.outbox().mails().size();
        ApiClient.Answer made = ada.api().post("/api/v1/me/privacy-requests", Map.of("type", "access", "details", "All you hold about me."));
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        Instant created = Instant.parse(made.body().path("createdAt").asText());
        Instant due = Instant.parse(made.body().path("dueAt").asText());
        assertThat(due).isEqualTo(created.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant());
        assertThat(made.body().path("status").asText()).isEqualTo("open");
        String mail = people.outbox().await(before, ada.email());
        assertThat(mail).contains("Datenschutzanfrage").contains(due.atOffset(ZoneOffset.UTC).toLocalDate().toString());

        assertThat(ada.api().post("/api/v1/me/privacy-requests", Map.of("type", "gossip")).status()).isEqualTo(400);
        assertThat(ada.api().post("/api/v1/me/privacy-requests", Map.of("type", "access", "details", "x".repeat(5001))).status()).isEqualTo(400);
        assertThat(new ApiClient(APP.getLocalPort()).post("/api/v1/me/privacy-requests", Map.of("type", "access")).status()).isEqualTo(401);
        assertThat(ada.api().get("/api/v1/admin/privacy-requests").status()).isEqualTo(403);

        People.Person op = operator();
        JsonNode queue = op.api().get("/api/v1/admin/privacy-requests").body();
        JsonNode mine = null;
        for (JsonNode r : queue.path("items")) {
            if (r.path("id").asText().equals(made.body().path("id").asText())) {
                mine = r;
            }
        }
        assertThat(mine).as(queue.toString()).isNotNull();
        assertThat(mine.path("email").asText()).isEqualTo(ada.email());
        assertThat(mine.path("overdue").asBoolean()).isFalse();
        String resolve = "/api/v1/admin/privacy-requests/" + made.body().path("id").asText() + "/resolve";
        assertThat(op.api().post(resolve, Map.of("resolution", "completed", "reason", "short")).status()).isEqualTo(400);
        ApiClient.Answer resolved = op.api().post(resolve, Map.of("resolution", "completed", "reason", "Data export sent by mail on request"));
        assertThat(resolved.status()).as(resolved.raw().body()).isEqualTo(200);
        assertThat(resolved.body().path("status").asText()).isEqualTo("resolved");
        assertThat(op.api().post(resolve, Map.of("resolution", "completed", "reason", "Data export sent by mail again")).code())
            .isEqualTo("already_resolved");
        assertThat(ada.api().get("/api/v1/me/privacy-requests").body().path("items").get(0).path("resolution").asText()).isEqualTo("completed");
        JsonNode audit = op.api().get("/api/v1/admin/audit-events").body().path("items");
        boolean audited = false;
        for (JsonNode e : audit) {
            audited |= e.path("action").asText().equals("operator.privacy_request.completed") && e.path("reason").asText().startsWith("Data export");
        }
        assertThat(audited).as(audit.toString()).isTrue();
    }

    @Test
    void restrictionAndObjectionTakeEffectAtOnceAndOnlyARejectionLiftsThem() throws Exception {
        People.Person bob = people.signedIn("Bob Restricts");
        String restriction = bob.api().post("/api/v1/me/privacy-requests", Map.of("type", "restriction", "details", "Accuracy contested."))
            .body().path("id").asText();
        bob.api().post("/api/v1/me/privacy-requests", Map.of("type", "objection"));
        JsonNode mine = bob.api().get("/api/v1/me/privacy-requests").body();
        assertThat(mine.path("processingRestricted").asBoolean()).isTrue();
        assertThat(mine.path("objected").asBoolean()).isTrue();
        boolean restricted = DB.jdbiAsApp().<Boolean, RuntimeException>withHandle(h -> PrivacyRequests.restricted(h, bob.accountId()));
        assertThat(restricted).isTrue();

        People.Person op = operator();
        op.api().post("/api/v1/admin/privacy-requests/" + restriction + "/resolve", Map.of("resolution", "rejected",
            "reason", "The data was checked and is accurate"));
        mine = bob.api().get("/api/v1/me/privacy-requests").body();
        assertThat(mine.path("processingRestricted").asBoolean()).isFalse();
        assertThat(mine.path("objected").asBoolean()).isTrue();

        // at most ten open requests at a time
        for (int i = 0; i < 9; i++) {
            bob.api().post("/api/v1/me/privacy-requests", Map.of("type", "access"));
        }
        assertThat(bob.api().post("/api/v1/me/privacy-requests", Map.of("type", "access")).code()).isEqualTo("too_many_open_requests");
    }
}
