package com.anastig.tenantconfig;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads tenant configuration documents the one way the platform does: the strict mapper of
 * {@link TenantConfigJson}, Jackson's complaints turned into {@link FieldProblem}s, then (for
 * {@code load}) the {@link StorageSettingValidator} rules. Use {@code parse} for values read back from
 * the database (already validated, secret sealed) and {@code load} for anything a client sent.
 */
public final class TenantConfigLoader {
    static final Set<String> MALFORMED_CODES = Set.of("invalid_json", "unknown_field", "duplicate_field", "invalid_value");

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) ['\"]([^'\"]*)['\"]");

    private final ObjectMapper mapper;
    private final StorageSettingValidator validator;

    public TenantConfigLoader(StorageSettingValidator validator) {
        this(TenantConfigJson.newObjectMapper(), validator);
    }

    public TenantConfigLoader(ObjectMapper mapper, StorageSettingValidator validator) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** Parses and validates a storage setting a client sent; throws with every problem found. */
    public StorageSetting loadStorageSetting(byte[] json) {
        StorageSetting setting = parseStorageSetting(json);
        List<FieldProblem> problems = validator.validate(setting);
        if (!problems.isEmpty()) {
            throw new InvalidSettingException(problems);
        }
        return setting;
    }

    public StorageSetting loadStorageSetting(String json) {
        return loadStorageSetting(json.getBytes(StandardCharsets.UTF_8));
    }

    public StorageSetting loadStorageSetting(Path file) {
        return loadStorageSetting(read(file));
    }

    /** Parses without the value rules (for stored settings); JSON shape problems still throw. */
    public StorageSetting parseStorageSetting(byte[] json) {
        Objects.requireNonNull(json, "json");
        StorageSetting setting;
        try {
            setting = mapper.readValue(json, StorageSetting.class);
        } catch (IOException e) {
            throw new InvalidSettingException(List.of(problemFor(e)));
        }
        if (setting == null) {
            throw new InvalidSettingException(List.of(new FieldProblem("", "invalid_json", "the document is empty or null")));
        }
        return setting;
    }

    public StorageSetting parseStorageSetting(String json) {
        return parseStorageSetting(json.getBytes(StandardCharsets.UTF_8));
    }

    public StorageSetting parseStorageSetting(Path file) {
        return parseStorageSetting(read(file));
    }

    /** The JSON for a setting (use {@link StorageSetting#redacted()} first for a GET answer). */
    public String write(StorageSetting setting) {
        try {
            return mapper.writeValueAsString(setting);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("storage setting could not be written as JSON", e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static FieldProblem problemFor(IOException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return new FieldProblem(path(u, u.getPropertyName()), "unknown_field", "this field is not part of the setting");
        }
        if (e instanceof InvalidTypeIdException t) {
            boolean missing = t.getTypeId() == null;
            return new FieldProblem("mode", missing ? "required" : "invalid_value",
                    missing ? "mode is required: managed or byo" : "mode must be managed or byo");
        }
        if (e instanceof StreamReadException r) {
            Matcher m = DUPLICATE.matcher(String.valueOf(r.getOriginalMessage()));
            if (m.find()) {
                return new FieldProblem(m.group(1), "duplicate_field", "this field appears more than once");
            }
            return new FieldProblem("", "invalid_json", "the document is not valid JSON");
        }
        if (e instanceof InvalidNullException n) {
            return new FieldProblem(path(n, ""), "required", "this field is required and must not be null");
        }
        if (e instanceof MismatchedInputException m && String.valueOf(m.getOriginalMessage()).startsWith("Trailing token")) {
            return new FieldProblem("", "invalid_json", "the document has content after its end");
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping, "");
            return new FieldProblem(field, "invalid_value",
                    field.equals("provider") ? "provider must be s3 or minio" : "this field has the wrong type or value");
        }
        if (e instanceof JacksonException) {
            return new FieldProblem("", "invalid_json", "the document is not valid JSON");
        }
        throw new UncheckedIOException("cannot read the setting", e);
    }

    private static String path(JsonMappingException e, String fallback) {
        String joined = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
        return joined.isEmpty() ? fallback : joined;
    }
}
