package com.anastig.platform.account.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id hashes in PHC format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with the
 * parameters recorded per hash, and verification of the hashes of accounts imported from the
 * earlier Django service ({@code pbkdf2_sha256$...} and {@code argon2$argon2id$...}). Comparison is
 * constant-time; a malformed stored hash never matches. Pure computation: callers run it on the
 * {@link HashingPool}.
 */
public final class PasswordHasher {
    private static final Pattern PHC = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})$");
    private static final Pattern DJANGO_ARGON2 = Pattern.compile("^argon2\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})$");
    private static final Pattern DJANGO_PBKDF2 = Pattern.compile("^pbkdf2_sha256\\$(\\d{1,8})\\$([^$]{1,128})\\$([A-Za-z0-9+/]{43}=)$");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Params params;
    private final SecureRandom random = new SecureRandom();
    private final String dummy;

    public PasswordHasher(PasswordConfig config) {
        this.params = config.params();
        this.dummy = hash("an unguessable dummy password for unknown e-mail addresses");
    }

    /** A new Argon2id hash at the configured parameters. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = argon2(password, salt, params, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
            + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    }

    /** Whether the password matches, and whether the stored hash should be replaced by a new one. */
    public com.anastig.platform.account.PasswordHashing.Verification verify(String password, String stored) {
        if (password == null || stored == null) {
            return new com.anastig.platform.account.PasswordHashing.Verification(false, false);
        }
        Matcher m = PHC.matcher(stored);
        if (m.matches()) {
            return argon2Verification(password, m, false);
        }
        m = DJANGO_ARGON2.matcher(stored);
        if (m.matches()) {
            return argon2Verification(password, m, true);
        }
        m = DJANGO_PBKDF2.matcher(stored);
        if (m.matches()) {
            int iterations = Integer.parseInt(m.group(1));
            byte[] expected = Base64.getDecoder().decode(m.group(3));
            boolean ok = iterations > 0 && MessageDigest.isEqual(pbkdf2(password, m.group(2), iterations), expected);
            return new com.anastig.platform.account.PasswordHashing.Verification(ok, ok);
        }
        return new com.anastig.platform.account.PasswordHashing.Verification(false, false);
    }

    /** Spends one verification's time against a hash at the current parameters. */
    public void burn(String password) {
        verify(password == null ? "" : password, dummy);
    }

    private com.anastig.platform.account.PasswordHashing.Verification argon2Verification(String password, Matcher m, boolean django) {
        Argon2Params stored = new Argon2Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        if (stored.memoryKib() < 8 * stored.parallelism() || stored.memoryKib() > 4 * 1024 * 1024 || stored.iterations() < 1) {
            return new com.anastig.platform.account.PasswordHashing.Verification(false, false);
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] salt = b64.decode(pad(m.group(4)));
        byte[] expected = b64.decode(pad(m.group(5)));
        byte[] actual = argon2(password, salt, stored, expected.length);
        boolean ok = MessageDigest.isEqual(actual, expected);
        return new com.anastig.platform.account.PasswordHashing.Verification(ok, ok && (django || !stored.equals(params)));
    }

    static byte[] argon2(String password, byte[] salt, Argon2Params p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
            .withMemoryAsKB(p.memoryKib()).withIterations(p.iterations()).withParallelism(p.parallelism()).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    static byte[] pbkdf2(String password, String salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pad(String b64) {
        return b64 + "=".repeat((4 - b64.length() % 4) % 4);
    }
}
