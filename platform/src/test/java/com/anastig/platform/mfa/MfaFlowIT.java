package com.anastig.platform.mfa;

import static com.anastig.platform.testing.Fixtures.PASSWORD;
import static com.anastig.platform.testing.Fixtures.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.Outbox;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TOTP through the real API with a real authenticator (oathtool): enrol, log in in two steps, codes never twice. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MfaFlowIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    @Test
    void enrolThenLogInWithACodeOrARecoveryCodeEachOnlyOnce() throws Exception {
        Oathtool.require();
        Outbox outbox = new Outbox(Path.of(APP.getConfiguration().mail().provider().settings().get("outbox")));
        ApiClient api = new ApiClient(APP.getLocalPort());
        String email = "mfa-" + UUID.randomUUID() + "@example.test";
        int before = outbox.mails().size();
        api.post("/api/v1/accounts", signUp(email, "Grace"));
        api.post("/api/v1/accounts/verify-email", Map.of("token", Outbox.token(outbox.await(before, email), "/verify-email")));
        assertThat(api.post("/api/v1/session", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
        api.withCsrf();

        assertThat(api.post("/api/v1/me/mfa/totp", Map.of("password", "wrong password")).code()).isEqualTo("invalid_password");
        ApiClient.Answer enrol = api.post("/api/v1/me/mfa/totp", Map.of("password", PASSWORD));
        String secret = enrol.body().path("secret").asText();
        assertThat(enrol.body().path("otpauthUri").asText()).startsWith("otpauth://totp/Anastig:").contains("secret=" + secret);
        assertThat(api.get("/api/v1/me").body().path("mfaEnabled").asBoolean()).isFalse();
        String stored = DB.jdbiAsApp().withHandle(h -> h.createQuery("SELECT totp_pending_sealed FROM account WHERE email = :e")
            .bind("e", email).mapTo(String.class).one());
        assertThat(stored).startsWith("v1:").doesNotContain(secret);

        Instant now = Instant.now();
        ApiClient.Answer confirmed = api.post("/api/v1/me/mfa/totp/confirm", Map.of("code", Oathtool.code(secret, now)));
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        assertThat(confirmed.body().path("recoveryCodes")).hasSize(10);
        String recovery = confirmed.body().path("recoveryCodes").get(0).asText();
        assertThat(api.get("/api/v1/me").body().path("mfaEnabled").asBoolean()).isTrue();
        api.send("DELETE", "/api/v1/session", null, Map.of());

        ApiClient login = new ApiClient(APP.getLocalPort());
        ApiClient.Answer half = login.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
        assertThat(half.status()).isEqualTo(401);
        assertThat(half.code()).isEqualTo("mfa_required");
        String mfaToken = half.body().path("mfaToken").asText();
        assertThat(login.cookie()).isNull();
        assertThat(login.get("/api/v1/me").status()).isEqualTo(401);

        String next = Oathtool.code(secret, now.plusSeconds(30));
        assertThat(login.post("/api/v1/session", Map.of("mfaToken", mfaToken, "totp", next)).status()).isEqualTo(200);
        assertThat(login.post("/api/v1/session", Map.of("mfaToken", mfaToken, "totp", next)).code()).isEqualTo("token_used");
        // the same code with a fresh mfaToken: refused, a code never works twice
        String again = login.post("/api/v1/session", Map.of("email", email, "password", PASSWORD)).body().path("mfaToken").asText();
        assertThat(login.post("/api/v1/session", Map.of("mfaToken", again, "totp", next)).code()).isEqualTo("invalid_code");

        String third = login.post("/api/v1/session", Map.of("email", email, "password", PASSWORD)).body().path("mfaToken").asText();
        assertThat(login.post("/api/v1/session", Map.of("mfaToken", third, "recoveryCode", recovery.toLowerCase())).status()).isEqualTo(200);
        ApiClient.Answer reuse = login.post("/api/v1/session", Map.of("email", email, "password", PASSWORD, "recoveryCode", recovery));
        assertThat(reuse.code()).isEqualTo("invalid_code");
        assertThat(login.withCsrf().get("/api/v1/me/security-events").body().toString())
            .contains("mfa_enabled").contains("recovery_code_used").contains("mfa_failed");
    }
}
