package com.anastig.tenantconfig;

import java.util.List;
import java.util.stream.Collectors;

/** A setting that cannot be used, with every problem found; the platform answers it as 400/422. */
public class InvalidSettingException extends RuntimeException {
    private final transient List<FieldProblem> problems;

    public InvalidSettingException(List<FieldProblem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid setting has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** True when the document itself was unreadable (bad JSON, unknown or duplicate fields, wrong types). */
    public boolean isMalformed() {
        return problems.stream().anyMatch(p -> TenantConfigLoader.MALFORMED_CODES.contains(p.code()));
    }

    private static String summary(List<FieldProblem> problems) {
        return "invalid setting: " + problems.stream().map(p -> p.field() + " " + p.code()).collect(Collectors.joining(", "));
    }
}
