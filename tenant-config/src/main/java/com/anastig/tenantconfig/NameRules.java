package com.anastig.tenantconfig;

import com.anastig.plugin.api.ObjectKeys;
import com.anastig.plugin.api.ProviderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for bucket names, key prefixes, regions and access keys. Each returns the problem or
 * empty; values are refused as given, never trimmed, lower-cased or otherwise repaired.
 */
public final class NameRules {
    public static final int MAX_PREFIX_BYTES = 512;

    private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern IPV4_SHAPE = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
    private static final Pattern REGION = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9._~+@-]{3,128}");
    private static final Pattern SECRET_KEY = Pattern.compile("[\\x21-\\x7e]{8,128}");

    private NameRules() {
    }

    /** S3 general-purpose bucket naming rules (which MinIO also applies). */
    public static Optional<FieldProblem> bucket(String field, String name) {
        if (name == null || name.isEmpty()) {
            return problem(field, "required", "the bucket name is required");
        }
        if (name.length() < 3 || name.length() > 63) {
            return problem(field, "bucket_name_length", "a bucket name is 3 to 63 characters long");
        }
        if (!BUCKET_CHARS.matcher(name).matches()) {
            return problem(field, "bucket_name_characters", "a bucket name has only lowercase letters, digits, dots and hyphens");
        }
        if (!isLetterOrDigit(name.charAt(0)) || !isLetterOrDigit(name.charAt(name.length() - 1))) {
            return problem(field, "bucket_name_boundary", "a bucket name starts and ends with a letter or digit");
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
            return problem(field, "bucket_name_dots", "a bucket name has no '..', '.-' or '-.'");
        }
        if (IPV4_SHAPE.matcher(name).matches()) {
            return problem(field, "bucket_name_ip_address", "a bucket name must not look like an IP address");
        }
        if (RESERVED_PREFIXES.stream().anyMatch(name::startsWith) || RESERVED_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return problem(field, "bucket_name_reserved", "a bucket name must not use a prefix or suffix that S3 reserves");
        }
        return Optional.empty();
    }

    /** Optional key prefix: relative, '/'-terminated, no empty/./.. segments, at most 512 UTF-8 bytes. */
    public static Optional<FieldProblem> prefix(String field, String prefix) {
        if (prefix == null) {
            return Optional.empty();
        }
        if (prefix.isEmpty()) {
            return problem(field, "invalid_prefix", "leave prefix out rather than sending an empty string");
        }
        if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
            return problem(field, "prefix_too_long", "a prefix is at most " + MAX_PREFIX_BYTES + " bytes");
        }
        if (!prefix.endsWith("/")) {
            return problem(field, "prefix_trailing_slash", "a prefix ends with '/'");
        }
        try {
            ObjectKeys.requireValidPrefix(prefix);
        } catch (ProviderException e) {
            return problem(field, "invalid_prefix", e.getMessage());
        }
        return Optional.empty();
    }

    /** A region: lowercase letters, digits and inner hyphens, such as {@code eu-central-1}. */
    public static Optional<FieldProblem> region(String field, String region) {
        if (region == null || region.isEmpty()) {
            return problem(field, "required", "the region is required (us-east-1 for most S3-compatible servers)");
        }
        if (!REGION.matcher(region).matches() || region.contains("--")) {
            return problem(field, "invalid_region", "a region is up to 63 lowercase letters, digits and single inner hyphens");
        }
        return Optional.empty();
    }

    /** An access key id: 3-128 of letters, digits and {@code . _ ~ + @ -}. */
    public static Optional<FieldProblem> accessKeyId(String field, String id) {
        if (id == null || id.isEmpty()) {
            return problem(field, "required", "the access key id is required");
        }
        if (!ACCESS_KEY.matcher(id).matches()) {
            return problem(field, "invalid_access_key", "an access key id is 3 to 128 letters, digits or . _ ~ + @ -");
        }
        return Optional.empty();
    }

    /** A secret access key: 8-128 printable ASCII characters without spaces; never the GET placeholder. */
    public static Optional<FieldProblem> secretAccessKey(String field, String secret) {
        if (secret == null || secret.isEmpty()) {
            return problem(field, "required", "the secret access key is required");
        }
        if (StorageSetting.REDACTED.equals(secret)) {
            return problem(field, "secret_redacted", "send the secret access key itself, not the redacted placeholder");
        }
        if (!SECRET_KEY.matcher(secret).matches()) {
            return problem(field, "invalid_secret_key", "a secret access key is 8 to 128 printable characters without spaces");
        }
        return Optional.empty();
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static Optional<FieldProblem> problem(String field, String code, String message) {
        return Optional.of(new FieldProblem(field, code, message));
    }
}
