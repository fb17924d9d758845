package com.anastig.platform.testing;

import java.util.HashMap;
import java.util.Map;

/** Small factory methods for request bodies used across integration tests. */
public final class Fixtures {
    public static final String PASSWORD = "correct horse battery staple";

    private Fixtures() {
    }

    /** A valid sign-up body (German, DE) accepting the seeded documents' versions. */
    public static Map<String, Object> signUp(String email, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("name", name);
        body.put("country", "DE");
        body.put("language", "de");
        body.put("accepted", Map.of("terms", "2025-01-01", "privacy", "2025-01-01", "aup", "2025-01-01"));
        return body;
    }
}
