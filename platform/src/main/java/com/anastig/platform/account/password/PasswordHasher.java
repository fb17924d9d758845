package com.anastig.platform.account.password;

import com.anastig.platform.account.PasswordHashing.Verification;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Argon2id hashes in PHC format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, unpadded base64,
 * 16-byte salt, 32-byte hash), with the parameters recorded per hash, and verification of the hashes
 * of accounts imported from the earlier Django service ({@code pbkdf2_sha256$iterations$salt$hash} and
 * {@code argon2$argon2id$v=19$...}). A match asks for a rehash when the stored parameters differ from
 * the configured ones or the hash is Django's. Comparison is constant-time; an unknown or malformed
 * stored hash never matches and never throws. Pure computation: callers run it on the
 * {@link HashingPool}.
 */
public final class PasswordHasher {
    private static final String B64 = "([A-Za-z0-9+/]{11,128})";
    private static final String PARAMS = "v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$";
    private static final Pattern PHC = Pattern.compile("\\$argon2id\\$" + PARAMS + B64 + "\\$" + B64);
    private static final Pattern DJANGO_ARGON2 = Pattern.compile("argon2\\$argon2id\\$" + PARAMS + B64 + "\\$" + B64);
    private static final Pattern DJANGO_PBKDF2 = Pattern.compile("pbkdf2_sha256\\$(\\d{1,8})\\$([^$]{1,128})\\$([A-Za-z0-9+/]{43}=)");
    private static final int MAX_PBKDF2_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Verification NO_MATCH = new Verification(false, false);

    private final Argon2Params params;
    private final SecureRandom random = new SecureRandom();
    private final String dummy;

    public PasswordHasher(PasswordConfig config) {
        this.params = config.params();
        byte[] unguessable = new byte[24];
        random.nextBytes(unguessable);
        this.dummy = hash(Base64.getEncoder().encodeToString(unguessable));
    }

    /**
     * A new Argon2id hash of the whole password (never truncated) at the configured parameters.
     *
     * @throws IllegalArgumentException if the password holds an unpaired surrogate (not Unicode text)
     */
    public String hash(String password) {
        byte[] bytes = utf8(password).orElseThrow(() -> new IllegalArgumentException("the password is not valid Unicode text"));
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = argon2(bytes, salt, params, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
            + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    }

    /** Whether the password matches the stored hash, and whether that hash should be replaced by a new one. */
    public Verification verify(String password, String stored) {
        if (password == null || stored == null) {
            return NO_MATCH;
        }
        Optional<byte[]> bytes = utf8(password);
        if (bytes.isEmpty()) {
            return NO_MATCH;
        }
        try {
            return verify(bytes.get(), stored);
        } catch (RuntimeException malformed) {
            // a bad base64 length or a parameter BouncyCastle refuses; the message could quote the hash
            return NO_MATCH;
        } finally {
            Arrays.fill(bytes.get(), (byte) 0);
        }
    }

    /** Spends one verification's time against a hash made at construction with the current parameters. */
    public void verifyDummy(String password) {
        verify(password == null ? "" : password, dummy);
    }

    String dummyHash() {
        return dummy;
    }

    private Verification verify(byte[] password, String stored) {
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
            if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
                return NO_MATCH;
            }
            byte[] expected = Base64.getDecoder().decode(m.group(3));
            byte[] actual = pbkdf2Sha256(password, m.group(2).getBytes(StandardCharsets.UTF_8), iterations);
            boolean ok = MessageDigest.isEqual(actual, expected);
            return new Verification(ok, ok);
        }
        return NO_MATCH;
    }

    private Verification argon2Verification(byte[] password, Matcher m, boolean django) {
        Argon2Params stored = new Argon2Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        if (!stored.acceptable()) {
            return NO_MATCH;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] salt = b64.decode(pad(m.group(4)));
        byte[] expected = b64.decode(pad(m.group(5)));
        if (salt.length < 8 || expected.length < 12) {
            return NO_MATCH;
        }
        boolean ok = MessageDigest.isEqual(argon2(password, salt, stored, expected.length), expected);
        boolean outdated = django || !stored.equals(params) || salt.length != SALT_BYTES || expected.length != HASH_BYTES;
        return new Verification(ok, ok && outdated);
    }

    static byte[] argon2(byte[] password, byte[] salt, Argon2Params p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
            .withMemoryAsKB(p.memoryKib()).withIterations(p.iterations()).withParallelism(p.parallelism()).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    static byte[] pbkdf2Sha256(byte[] password, byte[] salt, int iterations) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password, salt, iterations);
        return ((KeyParameter) generator.generateDerivedMacParameters(256)).getKey();
    }

    /** The password's UTF-8 bytes, or empty when it holds an unpaired surrogate (which UTF-8 cannot encode). */
    static Optional<byte[]> utf8(String password) {
        try {
            ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(password));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            if (buffer.hasArray()) {
                Arrays.fill(buffer.array(), (byte) 0);
            }
            return Optional.of(bytes);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String pad(String b64) {
        return b64 + "=".repeat((4 - b64.length() % 4) % 4);
    }
}
