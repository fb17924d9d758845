package com.anastig.platform.session;

import jakarta.ws.rs.core.NewCookie;
import java.net.URI;

/**
 * The session cookie: {@code anastig_session}, HttpOnly, SameSite=Lax, path /; when the public base
 * URL is https, Secure and named {@code __Host-anastig_session} (no Domain: bound to this host).
 */
public final class SessionCookie {
    public static final String BASE_NAME = "anastig_session";
    private final boolean secure;

    public SessionCookie(URI publicBaseUrl) {
        this.secure = "https".equalsIgnoreCase(publicBaseUrl.getScheme());
    }

    public String name() {
        return secure ? "__Host-" + BASE_NAME : BASE_NAME;
    }

    /** Sets the cookie to a new session's token (a session cookie: the server decides expiry). */
    public NewCookie issue(String token) {
        return cookie(token, NewCookie.DEFAULT_MAX_AGE);
    }

    /** Clears the cookie. */
    public NewCookie clear() {
        return cookie("", 0);
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(name()).value(value).path("/").httpOnly(true).secure(secure)
            .sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }
}
