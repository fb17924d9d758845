package com.anastig.platform.account;

import com.anastig.platform.http.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/accounts}: exactly the policy's account data, the password, and the versions of
 * the Terms, Privacy Policy and Acceptable Use Policy the person read. Fields other than these are
 * refused by the JSON mapper (no mass assignment: {@code operator}, {@code status} ... cannot be sent).
 */
public record SignUpRequest(String email, String password, String name, String organizationName, String country,
                            String industry, String intendedUse, String jobRole, String language, Map<String, String> accepted) {
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final Set<String> LANGUAGES = Set.of("en", "de");

    /** Every field problem except the password's (checked by the password rules). */
    List<Problem.FieldError> problems() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (EmailAddress.parse(email).isEmpty()) {
            errors.add(new Problem.FieldError("email", "is not a valid e-mail address"));
        }
        text(errors, "name", name, true, 200);
        text(errors, "organizationName", organizationName, false, 200);
        text(errors, "industry", industry, false, 200);
        text(errors, "intendedUse", intendedUse, false, 1000);
        text(errors, "jobRole", jobRole, false, 200);
        if (country == null || !COUNTRIES.contains(country)) {
            errors.add(new Problem.FieldError("country", "must be an ISO 3166-1 alpha-2 code such as DE"));
        }
        if (language == null || !LANGUAGES.contains(language)) {
            errors.add(new Problem.FieldError("language", "must be one of " + new java.util.TreeSet<>(LANGUAGES)));
        }
        if (password == null) {
            errors.add(new Problem.FieldError("password", "is required"));
        }
        if (accepted == null) {
            errors.add(new Problem.FieldError("accepted", "must name the versions of terms, privacy and aup you read"));
        } else {
            for (String key : accepted.keySet()) {
                if (!Set.of("terms", "privacy", "aup").contains(key)) {
                    errors.add(new Problem.FieldError("accepted." + key, "unknown document"));
                }
            }
        }
        return errors;
    }

    /** Plain one-line text: no control characters (CR/LF could inject mail headers). Markup is kept as text. */
    static void text(List<Problem.FieldError> errors, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new Problem.FieldError(field, "is required"));
            }
            return;
        }
        if (value.codePointCount(0, value.length()) > max) {
            errors.add(new Problem.FieldError(field, "is longer than " + max + " characters"));
        } else if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            errors.add(new Problem.FieldError(field, "must be one line of text"));
        }
    }

    @Override
    public String toString() {
        return "SignUpRequest[***]";
    }
}
