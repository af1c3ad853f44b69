package io.handoff.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The demo's final checks, in the order they were made: each names what must hold and what was seen.
 * The demo exits 1 when any failed.
 */
final class DemoChecks {
    /** One check: {@code expected} is what must hold, {@code seen} what the run showed. */
    record Check(String name, boolean passed, String expected, String seen) {
    }

    private final List<Check> checks = new ArrayList<>();

    /** Records that {@code seen} must equal {@code expected}. */
    DemoChecks equal(String name, Object expected, Object seen) {
        checks.add(new Check(name, Objects.equals(expected, seen), String.valueOf(expected), String.valueOf(seen)));
        return this;
    }

    /** Records that {@code seen} must be at least {@code least}. */
    DemoChecks atLeast(String name, long least, Long seen) {
        checks.add(new Check(name, seen != null && seen >= least, "at least " + least, String.valueOf(seen)));
        return this;
    }

    /** Records that every value of {@code seen} must equal {@code expected}. */
    DemoChecks allEqual(String name, Object expected, Map<String, ?> seen) {
        boolean passed = !seen.isEmpty() && seen.values().stream().allMatch(value -> Objects.equals(expected, value));
        checks.add(new Check(name, passed, "every one " + expected, String.valueOf(seen)));
        return this;
    }

    /** Records that every value of {@code seen} must be at least {@code least}. */
    DemoChecks allAtLeast(String name, long least, Map<String, Long> seen) {
        boolean passed = !seen.isEmpty() && seen.values().stream().allMatch(value -> value != null && value >= least);
        checks.add(new Check(name, passed, "every one at least " + least, String.valueOf(seen)));
        return this;
    }

    boolean allPassed() {
        return checks.stream().allMatch(Check::passed);
    }

    List<Check> failed() {
        return checks.stream().filter(check -> !check.passed()).toList();
    }

    int count() {
        return checks.size();
    }

    /** For the summary: {@code passed} (names) and {@code failed} (name, expected, seen). */
    Map<String, Object> toSummary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("passed", checks.stream().filter(Check::passed).map(Check::name).toList());
        summary.put("failed", failed());
        return summary;
    }
}
