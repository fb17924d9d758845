package com.anastig.platform.testing;

import static com.anastig.platform.testing.Fixtures.PASSWORD;
import static com.anastig.platform.testing.Fixtures.signUp;

import com.anastig.platform.AnastigConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Verified, signed-in people for integration tests: sign-up, the mailed verification link, login,
 * and a client that sends the session's CSRF token.
 */
public final class People {
    private final DropwizardAppExtension<AnastigConfiguration> app;
    private final Outbox outbox;

    public People(DropwizardAppExtension<AnastigConfiguration> app) {
        this.app = app;
        this.outbox = new Outbox(Path.of(app.getConfiguration().mail().provider().settings().get("outbox")));
    }

    /** A signed-in person: their e-mail address, account id and browser-like client. */
    public record Person(String email, UUID accountId, ApiClient api) {
    }

    public Person signedIn(String name) throws Exception {
        return signedIn(name, null);
    }

    /** Signs up (naming a first organization when {@code organizationName} is set), verifies, logs in. */
    public Person signedIn(String name, String organizationName) throws Exception {
        String email = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID() + "@example.test";
        ApiClient api = new ApiClient(app.getLocalPort());
        Map<String, Object> body = new HashMap<>(signUp(email, name));
        if (organizationName != null) {
            body.put("organizationName", organizationName);
        }
        int before = outbox.mails().size();
        api.post("/api/v1/accounts", body);
        api.post("/api/v1/accounts/verify-email", Map.of("token", Outbox.token(outbox.await(before, email), "/verify-email")));
        ApiClient.Answer login = api.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login.status() + " " + login.body());
        }
        api.withCsrf();
        UUID id = UUID.fromString(api.get("/api/v1/session").body().path("account").path("id").asText());
        return new Person(email, id, api);
    }

    public Outbox outbox() {
        return outbox;
    }
}
