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
import java.util.Objects;
import java.util.Set;

/**
 * What a new password must be: {@code minLength} to {@code maxLength} characters (8 to 1024 by
 * default, counted as Unicode code points; a longer one is refused before any hashing), valid Unicode
 * text, no composition rules, no truncation, and not one of the most common passwords (the bundled
 * lists, compared case-insensitively; see SOURCE.md beside them). Problems are field errors whose
 * message starts with a stable code: {@value #TOO_SHORT}, {@value #TOO_LONG}, {@value #TOO_COMMON},
 * {@value #MALFORMED} or {@value #REQUIRED}, then a colon and a sentence.
 */
public final class PasswordRules {
    public static final String TOO_SHORT = "password_too_short";
    public static final String TOO_LONG = "password_too_long";
    public static final String TOO_COMMON = "password_too_common";
    public static final String MALFORMED = "password_malformed";
    public static final String REQUIRED = "password_required";
    static final List<String> COMMON_LISTS = List.of("common-passwords.txt", "common-passwords-fxa.txt");

    private final int minLength;
    private final int maxLength;
    private final Set<String> common;

    /** The default lengths (8 to 1024). */
    public PasswordRules() {
        this(PasswordConfig.defaults());
    }

    public PasswordRules(PasswordConfig config) {
        this.minLength = config.minLength();
        this.maxLength = config.maxLength();
        this.common = load();
    }

    /** The problems of a new password, as field errors on {@code field}; empty when it may be used. */
    public List<Problem.FieldError> check(String field, String password) {
        if (password == null) {
            return List.of(error(field, REQUIRED, "a password is required"));
        }
        if (tooLong(password)) {
            return List.of(error(field, TOO_LONG, "at most " + maxLength + " characters"));
        }
        if (password.codePointCount(0, password.length()) < minLength) {
            return List.of(error(field, TOO_SHORT, "at least " + minLength + " characters"));
        }
        if (PasswordHasher.utf8(password).isEmpty()) {
            return List.of(error(field, MALFORMED, "is not valid Unicode text"));
        }
        if (isCommon(password)) {
            return List.of(error(field, TOO_COMMON, "this is one of the most common passwords"));
        }
        return List.of();
    }

    /** The problems that keep a password from being hashed at all: missing, too long, not Unicode text. */
    List<Problem.FieldError> unhashable(String field, String password) {
        if (password == null) {
            return List.of(error(field, REQUIRED, "a password is required"));
        }
        if (tooLong(password)) {
            return List.of(error(field, TOO_LONG, "at most " + maxLength + " characters"));
        }
        if (PasswordHasher.utf8(password).isEmpty()) {
            return List.of(error(field, MALFORMED, "is not valid Unicode text"));
        }
        return List.of();
    }

    /** Longer than the maximum: decided without scanning a huge string (a code point is at most two chars). */
    public boolean tooLong(String password) {
        Objects.requireNonNull(password);
        return password.length() > 2L * maxLength || password.codePointCount(0, password.length()) > maxLength;
    }

    /** On the bundled lists of common passwords, whatever its case. */
    public boolean isCommon(String password) {
        return common.contains(password.toLowerCase(Locale.ROOT));
    }

    /** How many distinct (case-insensitive) common passwords are bundled. */
    public int commonCount() {
        return common.size();
    }

    /** The shortest and longest allowed lengths in code points. */
    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    private static Problem.FieldError error(String field, String code, String sentence) {
        return new Problem.FieldError(field, code + ": " + sentence);
    }

    private static Set<String> load() {
        Set<String> set = new HashSet<>();
        for (String name : COMMON_LISTS) {
            try (InputStream in = Objects.requireNonNull(PasswordRules.class.getResourceAsStream(name), name);
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
        }
        return Set.copyOf(set);
    }
}
