package com.anastig.platform.account.password;

import com.anastig.platform.http.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be: 8 to 1024 characters (counted as Unicode code points; a longer one is
 * refused before any hashing), no composition rules, no truncation, and not one of the most common
 * passwords (the bundled list, compared case-insensitively).
 */
public final class PasswordRules {
    public static final int MIN = 8;
    public static final int MAX = 1024;
    private final Set<String> common;

    public PasswordRules() {
        this.common = load();
    }

    public List<Problem.FieldError> check(String field, String password) {
        if (password == null) {
            return List.of(new Problem.FieldError(field, "is required"));
        }
        // a cheap bound before counting code points of a huge string
        if (password.length() > 2 * MAX || password.codePointCount(0, password.length()) > MAX) {
            return List.of(new Problem.FieldError(field, "password_too_long: at most " + MAX + " characters"));
        }
        if (password.codePointCount(0, password.length()) < MIN) {
            return List.of(new Problem.FieldError(field, "password_too_short: at least " + MIN + " characters"));
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            return List.of(new Problem.FieldError(field, "password_too_common: this password is one of the most common ones"));
        }
        return List.of();
    }

    /** How many common passwords are bundled. */
    public int commonCount() {
        return common.size();
    }

    private static Set<String> load() {
        Set<String> set = new HashSet<>();
        try (InputStream in = PasswordRules.class.getResourceAsStream("common-passwords.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    set.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(set);
    }
}
