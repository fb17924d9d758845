package com.anastig.plugins.storage.minio;

import com.anastig.plugin.api.ObjectKeys;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingDescriptor;
import com.anastig.plugin.api.SettingProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The validated settings of one MinIO-client store.
 *
 * @param endpoint           the S3 API base URL
 * @param region             the signing region, always explicit
 * @param bucket             the bucket
 * @param prefix             the key prefix every key goes under ("" or ending with '/')
 * @param pathStyle          path-style URLs ({@code endpoint/bucket/key}) instead of virtual-host style
 * @param accessKeyId        the access key id (a secret or a plain value)
 * @param secretAccessKey    the secret access key (a secret only)
 * @param partSize           bytes per part: the MinIO client sends objects up to one part in one PUT (buffered)
 *                           and larger or unknown lengths in parts, one part buffered at a time
 */
record MinioSettings(URI endpoint, String region, String bucket, String prefix, boolean pathStyle, String accessKeyId,
                  String secretAccessKey, long partSize) {
    static final long MIB = 1024L * 1024;
    static final long DEFAULT_PART_SIZE = 8 * MIB;
    static final long MIN_PART_SIZE = 5 * MIB;
    static final long MAX_PART_SIZE = 512 * MIB;

    private static final Set<String> VALUES = Set.of("endpoint", "region", "bucket", "prefix", "pathStyle", "accessKeyId",
        "partSize");
    private static final Set<String> SECRETS = Set.of("accessKeyId", "secretAccessKey");
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    static List<SettingDescriptor> descriptors() {
        return List.of(
            SettingDescriptor.required("endpoint", "the S3 API URL (http or https), such as https://minio.example.com:9000"),
            SettingDescriptor.required("region", "the bucket's region, such as eu-central-1 (never guessed)"),
            SettingDescriptor.required("bucket", "the bucket name"),
            SettingDescriptor.optional("prefix", null, "key prefix every object goes under, such as org-42/ (a '/' is added)"),
            SettingDescriptor.optional("pathStyle", "false", "true for path-style URLs (endpoint/bucket/key), as most"
                + " S3-compatible servers need"),
            new SettingDescriptor("accessKeyId", false, true, null, "the access key id: a secret, or a plain value (the secret wins)"),
            SettingDescriptor.secret("secretAccessKey", true, "the secret access key"),
            SettingDescriptor.optional("partSize", String.valueOf(DEFAULT_PART_SIZE), "bytes per part (5 MiB to 512 MiB): objects up"
                + " to one part go up in one PUT, larger or unknown lengths in parts; one part is held in memory per upload"));
    }

    static List<SettingProblem> problems(ProviderSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        settings.values().keySet().stream().filter(name -> !VALUES.contains(name) && !name.equals("secretAccessKey")).sorted()
            .forEach(name -> problems.add(new SettingProblem(name, "unknown setting for this provider")));
        settings.secretNames().stream().filter(name -> !SECRETS.contains(name)).sorted()
            .forEach(name -> problems.add(new SettingProblem(name, "unknown secret for this provider")));
        settings.value("endpoint").ifPresentOrElse(e -> endpointProblem(e).ifPresent(m -> problems.add(new SettingProblem("endpoint", m))),
            () -> problems.add(new SettingProblem("endpoint", "is required")));
        settings.value("region").ifPresentOrElse(r -> {
            if (!REGION.matcher(r).matches() || r.length() > 32) {
                problems.add(new SettingProblem("region", "must look like eu-central-1 (lower-case letters, digits, dashes)"));
            }
        }, () -> problems.add(new SettingProblem("region", "is required (it is never guessed)")));
        settings.value("bucket").ifPresentOrElse(b -> {
            if (!BUCKET.matcher(b).matches() || b.contains("..") || IP_ADDRESS.matcher(b).matches()) {
                problems.add(new SettingProblem("bucket", "is not a valid bucket name (3-63 lower-case letters, digits, dots, dashes)"));
            }
        }, () -> problems.add(new SettingProblem("bucket", "is required")));
        settings.value("prefix").ifPresent(p -> {
            try {
                ObjectKeys.requireValidPrefix(p);
            } catch (ProviderException e) {
                problems.add(new SettingProblem("prefix", e.getMessage()));
            }
        });
        check(problems, "pathStyle", () -> settings.bool("pathStyle", false));
        if (settings.secret("accessKeyId").isEmpty() && settings.value("accessKeyId").isEmpty()) {
            problems.add(new SettingProblem("accessKeyId", "is required (as a secret or a value)"));
        }
        if (settings.values().containsKey("secretAccessKey")) {
            problems.add(new SettingProblem("secretAccessKey", "must be given as a secret, never as a plain value"));
        } else if (settings.secret("secretAccessKey").isEmpty()) {
            problems.add(new SettingProblem("secretAccessKey", "is required (as a secret)"));
        }
        check(problems, "partSize", () -> {
            long size = settings.longValue("partSize", DEFAULT_PART_SIZE);
            if (size < MIN_PART_SIZE || size > MAX_PART_SIZE) {
                throw ProviderException.invalidConfig("must be between " + MIN_PART_SIZE + " and " + MAX_PART_SIZE + " bytes");
            }
        });
        return problems;
    }

    /** Parses settings that {@link #problems} accepts; INVALID_CONFIG naming every problem otherwise. */
    static MinioSettings parse(ProviderSettings settings) {
        List<SettingProblem> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw ProviderException.invalidConfig("invalid minio settings: "
                + problems.stream().map(SettingProblem::toString).collect(Collectors.joining("; ")));
        }
        String prefix = settings.value("prefix").map(p -> p.endsWith("/") ? p : p + "/").orElse("");
        return new MinioSettings(URI.create(settings.required("endpoint").trim()), settings.required("region"),
            settings.required("bucket"), prefix, settings.bool("pathStyle", false),
            settings.secret("accessKeyId").orElseGet(() -> settings.required("accessKeyId")),
            settings.requiredSecret("secretAccessKey"), settings.longValue("partSize", DEFAULT_PART_SIZE));
    }

    @Override
    public String toString() {
        return "MinioSettings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
            + ", pathStyle=" + pathStyle + ", partSize=" + partSize + "]";
    }

    private static java.util.Optional<String> endpointProblem(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            return java.util.Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return java.util.Optional.of("must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return java.util.Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return java.util.Optional.of("must not carry credentials (use accessKeyId and secretAccessKey)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return java.util.Optional.of("must not have a query or fragment");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            return java.util.Optional.of("must not have a path (the bucket is its own setting)");
        }
        return java.util.Optional.empty();
    }

    private static void check(List<SettingProblem> problems, String name, Runnable parse) {
        try {
            parse.run();
        } catch (ProviderException e) {
            String message = e.getMessage();
            String prefix = "setting '" + name + "' ";
            problems.add(new SettingProblem(name, message.startsWith(prefix) ? message.substring(prefix.length()) : message));
        }
    }
}
