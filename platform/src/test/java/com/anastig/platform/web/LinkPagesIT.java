package com.anastig.platform.web;

import static com.anastig.platform.testing.Fixtures.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.Outbox;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The mailed link's page: a GET shows a button and changes nothing; the form POST confirms, with a double-submit token. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LinkPagesIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);
    private final HttpClient http = HttpClient.newHttpClient();

    private String base() {
        return "http://127.0.0.1:" + APP.getLocalPort();
    }

    @Test
    void theLinkShowsAButtonAndTheFormConfirms() throws Exception {
        Outbox outbox = new Outbox(Path.of(APP.getConfiguration().mail().provider().settings().get("outbox")));
        String email = "page-" + UUID.randomUUID() + "@example.test";
        int before = outbox.mails().size();
        new ApiClient(APP.getLocalPort()).post("/api/v1/accounts", signUp(email, "Page"));
        String token = Outbox.token(outbox.await(before, email), "/verify-email");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/verify-email?token=" + token)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("<button type=\"submit\">");
        // the GET changed nothing: the account is still unverified
        ApiClient api = new ApiClient(APP.getLocalPort());
        assertThat(api.post("/api/v1/session", Map.of("email", email, "password", com.anastig.platform.testing.Fixtures.PASSWORD)).code())
            .isEqualTo("email_unverified");

        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(LinkPages.CSRF_COOKIE)).findFirst().orElseThrow();
        String cookiePair = cookie.substring(0, cookie.indexOf(';'));
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        String form = "token=" + token + "&_csrf=" + m.group(1);

        assertThat(post("/verify-email", form, null).statusCode()).isEqualTo(403);
        assertThat(post("/verify-email", "token=" + token + "&_csrf=forged", cookiePair).statusCode()).isEqualTo(403);
        // a browser that is also signed in (another account's session cookie) can still use the form
        ApiClient other = new ApiClient(APP.getLocalPort());
        String otherEmail = "other-" + UUID.randomUUID() + "@example.test";
        int mails = outbox.mails().size();
        other.post("/api/v1/accounts", signUp(otherEmail, "Other"));
        other.post("/api/v1/accounts/verify-email", Map.of("token", Outbox.token(outbox.await(mails, otherEmail), "/verify-email")));
        other.post("/api/v1/session", Map.of("email", otherEmail, "password", com.anastig.platform.testing.Fixtures.PASSWORD));
        HttpResponse<String> done = post("/verify-email", form, cookiePair + "; " + other.cookie());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("confirmed");
        assertThat(post("/verify-email", form, cookiePair).body()).contains("used already");
    }

    @Test
    void whatIsInTheLinkIsEscaped() throws Exception {
        String evil = URLEncoder.encode("\"><script>alert(1)</script>", StandardCharsets.UTF_8);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/verify-email?token=" + evil)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    private HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
