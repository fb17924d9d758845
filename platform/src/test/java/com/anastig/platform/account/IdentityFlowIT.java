package com.anastig.platform.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import static com.anastig.platform.testing.Fixtures.PASSWORD;
import static com.anastig.platform.testing.Fixtures.signUp;

import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.Outbox;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sign-up to logout through the real HTTP API, reading mail from the real outbox plugin. */
@ExtendWith(DropwizardExtensionsSupport.class)
class IdentityFlowIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    private Outbox outbox() {
        return new Outbox(Path.of(APP.getConfiguration().mail().provider().settings().get("outbox")));
    }

    private String signUpAndVerify(ApiClient api, String email) throws Exception {
        int before = outbox().mails().size();
        assertThat(api.post("/api/v1/accounts", signUp(email, "Ada <b>Lovelace</b>")).status()).isEqualTo(202);
        String mail = outbox().await(before, email);
        assertThat(api.post("/api/v1/accounts/verify-email", Map.of("token", Outbox.token(mail, "/verify-email"))).status()).isEqualTo(200);
        return mail;
    }

    @Test
    void signUpVerifyLogInUseTheAccountAndLogOut() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        String email = "ada-" + UUID.randomUUID() + "@example.test";
        int before = outbox().mails().size();
        ApiClient.Answer signed = api.post("/api/v1/accounts", signUp(email, "Ada <b>Lovelace</b>"));
        assertThat(signed.status()).isEqualTo(202);
        String mail = outbox().await(before, email);
        assertThat(mail).contains("bestätigen").contains("http://localhost:8080/verify-email?token=")
            .contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;").doesNotContain("<b>Lovelace</b></p>");

        Map<String, Object> login = Map.of("email", email.toUpperCase(), "password", PASSWORD);
        assertThat(api.post("/api/v1/session", login).code()).isEqualTo("email_unverified");
        String token = Outbox.token(mail, "/verify-email");
        assertThat(api.post("/api/v1/accounts/verify-email", Map.of("token", token)).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/accounts/verify-email", Map.of("token", token)).code()).isEqualTo("token_used");

        ApiClient.Answer in = api.post("/api/v1/session", Map.of("email", "  " + email.toUpperCase() + " ", "password", PASSWORD));
        assertThat(in.status()).as(in.raw().body()).isEqualTo(200);
        String setCookie = in.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("anastig_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        ApiClient.Answer session = api.get("/api/v1/session");
        assertThat(session.body().path("account").path("email").asText()).isEqualTo(email);
        assertThat(session.body().path("consentRequired")).isEmpty();

        // unsafe requests need the CSRF token
        assertThat(api.send("PATCH", "/api/v1/me", Map.of("jobRole", "Annotator"), Map.of()).code()).isEqualTo("csrf_failed");
        api.withCsrf();
        assertThat(api.send("PATCH", "/api/v1/me", Map.of("jobRole", "Annotator"), Map.of()).body().path("jobRole").asText())
            .isEqualTo("Annotator");
        for (String field : new String[] {"operator", "status", "emailVerified", "mfaEnabled"}) {
            ApiClient.Answer mass = api.send("PATCH", "/api/v1/me", Map.of(field, true), Map.of());
            assertThat(mass.status()).isEqualTo(400);
            assertThat(mass.code()).isEqualTo("unknown_field");
        }
        assertThat(api.send("PATCH", "/api/v1/me", Map.of("jobRole", "x"), Map.of("Origin", "https://evil.example")).code())
            .isEqualTo("csrf_failed");
        assertThat(api.get("/api/v1/me/security-events").body().path("items").toString())
            .contains("account_created").contains("email_verified").contains("login");

        assertThat(api.send("DELETE", "/api/v1/session", null, Map.of()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void aTakenEmailGetsTheSameAnswerAndItsOwnerANotice() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        String email = "taken-" + UUID.randomUUID() + "@example.test";
        signUpAndVerify(api, email);
        int before = outbox().mails().size();
        ApiClient.Answer again = api.post("/api/v1/accounts", signUp(email.toUpperCase(), "Someone Else"));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.raw().body()).isEqualTo(api.post("/api/v1/accounts", signUp("new-" + UUID.randomUUID() + "@example.test", "N"))
            .raw().body());
        assertThat(outbox().await(before, email)).contains("Jemand wollte");
    }

    @Test
    void badSignUpsAreRefusedAndChangeNothing() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        Map<String, Object> stale = signUp("stale-" + UUID.randomUUID() + "@example.test", "S");
        stale.put("accepted", Map.of("terms", "2025-01-01", "privacy", "2024-01-01", "aup", "2025-01-01"));
        assertThat(api.post("/api/v1/accounts", stale).code()).isEqualTo("consent_outdated");
        Map<String, Object> operator = signUp("op-" + UUID.randomUUID() + "@example.test", "O");
        operator.put("operator", true);
        assertThat(api.post("/api/v1/accounts", operator).code()).isEqualTo("unknown_field");
        Map<String, Object> crlf = signUp("crlf-" + UUID.randomUUID() + "@example.test", "Eve\r\nBcc: victim@example.test");
        assertThat(api.post("/api/v1/accounts", crlf).code()).isEqualTo("validation_failed");
        Map<String, Object> badMail = signUp("eve@example.test\r\nBcc: victim@example.test", "Eve");
        assertThat(api.post("/api/v1/accounts", badMail).code()).isEqualTo("validation_failed");
        Map<String, Object> huge = signUp("huge-" + UUID.randomUUID() + "@example.test", "H");
        huge.put("password", "x".repeat(1_000_000));
        assertThat(api.post("/api/v1/accounts", huge).status()).isIn(400, 413);
        assertThat(api.send("POST", "/api/v1/accounts", "email=a", Map.of("Content-Type", "text/plain")).status()).isEqualTo(415);
        assertThat(api.send("POST", "/api/v1/accounts", signUp("x-" + UUID.randomUUID() + "@example.test", "X"),
            Map.of("Origin", "https://evil.example")).code()).isEqualTo("csrf_failed");
        int accounts = DB.jdbiAsApp().withHandle(h -> h.createQuery("SELECT count(*) FROM account WHERE email LIKE 'stale-%'"
            + " OR email LIKE 'op-%' OR email LIKE 'crlf-%' OR email LIKE 'huge-%' OR email LIKE 'x-%'").mapTo(Integer.class).one());
        assertThat(accounts).isZero();
    }

    @Test
    void passwordResetEndsEverySession() throws Exception {
        ApiClient first = new ApiClient(APP.getLocalPort());
        String email = "reset-" + UUID.randomUUID() + "@example.test";
        signUpAndVerify(first, email);
        assertThat(first.post("/api/v1/session", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);

        ApiClient other = new ApiClient(APP.getLocalPort());
        int before = outbox().mails().size();
        assertThat(other.post("/api/v1/password-reset", Map.of("email", email)).status()).isEqualTo(202);
        assertThat(other.post("/api/v1/password-reset", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.test")).status())
            .isEqualTo(202);
        String token = Outbox.token(outbox().await(before, email), "/reset-password");
        String newPassword = "a completely new passphrase";
        assertThat(other.post("/api/v1/password-reset/confirm", Map.of("token", token, "password", newPassword)).status()).isEqualTo(204);
        assertThat(first.get("/api/v1/session").status()).isEqualTo(401);
        assertThat(other.post("/api/v1/session", Map.of("email", email, "password", PASSWORD)).code()).isEqualTo("invalid_credentials");
        assertThat(other.post("/api/v1/session", Map.of("email", email, "password", newPassword)).status()).isEqualTo(200);
        assertThat(other.post("/api/v1/password-reset/confirm", Map.of("token", token, "password", newPassword)).code())
            .isEqualTo("token_used");
    }

    @Test
    void anEmailChangeTakesEffectWhenTheNewAddressIsConfirmed() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        String old = "old-" + UUID.randomUUID() + "@example.test";
        String fresh = "new-" + UUID.randomUUID() + "@example.test";
        signUpAndVerify(api, old);
        api.post("/api/v1/session", Map.of("email", old, "password", PASSWORD));
        api.withCsrf();
        assertThat(api.post("/api/v1/me/email", Map.of("email", fresh, "password", "wrong password")).code()).isEqualTo("invalid_password");
        int before = outbox().mails().size();
        assertThat(api.post("/api/v1/me/email", Map.of("email", fresh, "password", PASSWORD)).status()).isEqualTo(202);
        String link = outbox().await(before, fresh);
        assertThat(outbox().await(before, old)).contains("X-Anastig-Kind: email_change_notice");
        assertThat(api.get("/api/v1/me").body().path("email").asText()).isEqualTo(old);
        assertThat(api.post("/api/v1/accounts/verify-email", Map.of("token", Outbox.token(link, "/verify-email"))).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me").body().path("email").asText()).isEqualTo(fresh);
        ApiClient other = new ApiClient(APP.getLocalPort());
        assertThat(other.post("/api/v1/session", Map.of("email", fresh, "password", PASSWORD)).status()).isEqualTo(200);
        assertThat(other.post("/api/v1/session", Map.of("email", old, "password", PASSWORD)).code()).isEqualTo("invalid_credentials");
    }

    @Test
    void suspendedAndFrozenAccountsAreToldSoOnlyAfterTheRightPassword() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        String email = "status-" + UUID.randomUUID() + "@example.test";
        signUpAndVerify(api, email);
        for (String status : new String[] {"suspended", "frozen"}) {
            DB.jdbiAsApp().useHandle(h -> h.createUpdate("UPDATE account SET status = :s WHERE email = :e")
                .bind("s", status).bind("e", email).execute());
            assertThat(api.post("/api/v1/session", Map.of("email", email, "password", "not the password")).code())
                .isEqualTo("invalid_credentials");
            assertThat(api.post("/api/v1/session", Map.of("email", email, "password", PASSWORD)).code())
                .isEqualTo("account_" + status);
        }
    }

    @Test
    void unknownEmailsAndWrongPasswordsGetOneAnswer() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        String email = "one-" + UUID.randomUUID() + "@example.test";
        signUpAndVerify(api, email);
        ApiClient.Answer wrong = api.post("/api/v1/session", Map.of("email", email, "password", "wrong password!"));
        ApiClient.Answer unknown = api.post("/api/v1/session", Map.of("email", "no-" + email, "password", "wrong password!"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.raw().body()).isEqualTo(unknown.raw().body());
    }
}
