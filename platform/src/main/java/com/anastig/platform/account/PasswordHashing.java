package com.anastig.platform.account;

/**
 * What accounts need from password hashing (implemented over the bounded hashing pool). Kept as
 * an interface so the account code reads the same whatever the hashing parameters are.
 */
public interface PasswordHashing {

    /** The problems of a new password (length, common), as field errors on {@code field}. */
    java.util.List<com.anastig.platform.http.Problem.FieldError> check(String field, String password);

    /** A new hash at the current parameters. */
    String hash(String password);

    /** Whether {@code password} matches {@code storedHash}, and whether the hash should be upgraded. */
    Verification verify(String password, String storedHash);

    /** Spends the time of one verification, for an e-mail that has no account. */
    void burn(String password);

    /** The result of a verification. */
    record Verification(boolean matches, boolean needsRehash) {
    }
}
