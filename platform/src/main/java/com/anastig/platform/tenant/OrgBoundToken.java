package com.anastig.platform.tenant;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Secrets that belong to one organization (API tokens, invitation links): a fixed prefix, then
 * base64url of the organization's id (16 bytes) and 256 random bits. The id lets the platform look
 * the secret up inside that organization's row-level scope, with no cross-tenant query; the secret is
 * shown once and stored only as the SHA-256 of the whole token. Parsing is strict: anything else is
 * refused before any look-up.
 */
public final class OrgBoundToken {
    private static final int BODY_CHARS = 64; // 48 bytes in base64url without padding
    private final String prefix;
    private final Pattern shape;
    private final com.anastig.platform.security.SecretTokens secrets = new com.anastig.platform.security.SecretTokens();

    public OrgBoundToken(String prefix) {
        if (!prefix.matches("[a-z]{1,12}_")) {
            throw new IllegalArgumentException("prefix must be lower-case letters and an underscore");
        }
        this.prefix = prefix;
        this.shape = Pattern.compile("^" + prefix + "[A-Za-z0-9_-]{" + BODY_CHARS + "}$");
    }

    /** A fresh token of this organization. */
    public Issued issue(OrgId org) {
        byte[] secret = secrets.nextBytes(32);
        ByteBuffer body = ByteBuffer.allocate(48);
        body.putLong(org.value().getMostSignificantBits()).putLong(org.value().getLeastSignificantBits()).put(secret);
        String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
        return new Issued(token, org, sha256(token));
    }

    /** The organization and hash of a well-formed token; empty for anything else. */
    public Optional<Parsed> parse(String token) {
        if (token == null || token.length() != prefix.length() + BODY_CHARS || !shape.matcher(token).matches()) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token.substring(prefix.length())));
        OrgId org = new OrgId(new UUID(body.getLong(), body.getLong()));
        if (org.isPlatform()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(org, sha256(token)));
    }

    static byte[] sha256(String token) {
        return com.anastig.platform.security.SecretTokens.sha256(token);
    }

    /** A new token: the secret (shown once), its organization and the hash to store. */
    public record Issued(String token, OrgId org, byte[] hash) {
        @Override
        public String toString() {
            return "Issued[" + org + ", token=********]";
        }
    }

    /** A token's organization and hash. */
    public record Parsed(OrgId org, byte[] hash) {
    }
}
