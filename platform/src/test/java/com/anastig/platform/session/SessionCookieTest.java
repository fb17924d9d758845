package com.anastig.platform.session;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import org.junit.jupiter.api.Test;

class SessionCookieTest {
    @Test
    void overHttpsTheCookieIsSecureAndHostPrefixed() {
        NewCookie c = new SessionCookie(URI.create("https://app.anastig.example")).issue("token");
        assertThat(c.getName()).isEqualTo("__Host-anastig_session");
        assertThat(c.isSecure()).isTrue();
        assertThat(c.isHttpOnly()).isTrue();
        assertThat(c.getSameSite()).isEqualTo(NewCookie.SameSite.LAX);
        assertThat(c.getPath()).isEqualTo("/");
        assertThat(c.getDomain()).isNull();
    }

    @Test
    void overPlainHttpItIsNeitherSecureNorPrefixed() {
        NewCookie c = new SessionCookie(URI.create("http://localhost:8080")).issue("token");
        assertThat(c.getName()).isEqualTo("anastig_session");
        assertThat(c.isSecure()).isFalse();
        assertThat(c.isHttpOnly()).isTrue();
        assertThat(new SessionCookie(URI.create("http://localhost:8080")).clear().getMaxAge()).isZero();
    }
}
