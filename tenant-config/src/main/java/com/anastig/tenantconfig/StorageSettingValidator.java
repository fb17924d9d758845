package com.anastig.tenantconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Checks a parsed storage setting field by field; an empty list means it may be saved and tested. */
public final class StorageSettingValidator {
    private final EndpointRules endpointRules;

    public StorageSettingValidator(PublicAddressPolicy policy) {
        this.endpointRules = new EndpointRules(policy);
    }

    public List<FieldProblem> validate(StorageSetting setting) {
        Objects.requireNonNull(setting, "setting");
        if (setting instanceof StorageSetting.Byo byo) {
            return validateByo(byo);
        }
        return List.of();
    }

    private List<FieldProblem> validateByo(StorageSetting.Byo byo) {
        List<FieldProblem> problems = new ArrayList<>();
        if (byo.provider() == null) {
            problems.add(new FieldProblem("provider", "required", "provider is required: s3 or minio"));
        }
        problems.addAll(endpointRules.check("endpoint", byo.endpoint()));
        add(problems, NameRules.region("region", byo.region()));
        add(problems, NameRules.bucket("bucket", byo.bucket()));
        add(problems, NameRules.prefix("prefix", byo.prefix()));
        add(problems, NameRules.accessKeyId("accessKeyId", byo.accessKeyId()));
        add(problems, NameRules.secretAccessKey("secretAccessKey", byo.secretAccessKey()));
        return List.copyOf(problems);
    }

    private static void add(List<FieldProblem> problems, Optional<FieldProblem> problem) {
        problem.ifPresent(problems::add);
    }
}
