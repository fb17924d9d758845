package com.anastig.plugin.api;

import java.util.List;
import java.util.Optional;

/** The steps of a self-test in the order they ran; it stops at the first failing step. */
public record SelfTestReport(List<SelfTestStep> steps) {
    public SelfTestReport {
        steps = List.copyOf(steps);
    }

    public boolean ok() {
        return !steps.isEmpty() && steps.stream().allMatch(SelfTestStep::ok);
    }

    public Optional<SelfTestStep> firstFailure() {
        return steps.stream().filter(s -> !s.ok()).findFirst();
    }
}
