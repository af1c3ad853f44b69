package io.handoff.planner.plan;

import io.handoff.common.event.StepType;
import io.handoff.common.step.InvalidStepParametersException;
import io.handoff.common.step.MonitorFacts;
import io.handoff.common.step.StepContracts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gate on VERIFY's result (replication-monitor's VerifyHandler: a VERIFY that compared everything
 * succeeds, drift or not, with the facts {@code drift}, the number of differences, and
 * {@code differences}, each {@code {table, key, kind[, detail]}}, possibly truncated). The plan goes on
 * only when the drift is zero, or when every difference is in a table the plan allows
 * ({@code gates.allowDriftIn}) and all of them were listed: a difference that was not listed could be
 * anywhere. Pure.
 */
final class DriftGate {
    /** How many tables, and keys per table, a refusal names. */
    static final int NAMED_TABLES = 5;
    static final int NAMED_KEYS = 3;

    private DriftGate() {
    }

    /** Empty when the plan may go on after VERIFY reported {@code facts} (its event's); otherwise why it stops. */
    static Optional<String> refusedBecause(FlipPlan plan, Map<String, Object> facts) {
        MonitorFacts.Verify verified;
        try {
            verified = StepContracts.decodeFacts(StepType.VERIFY, facts, MonitorFacts.Verify.class);
        } catch (InvalidStepParametersException e) {
            return Optional.of("VERIFY's facts cannot be read (" + e.getMessage() + "), so they cannot show the target"
                    + " matches the source");
        }
        return refusedBecause(plan, verified);
    }

    /** Empty when the plan may go on after VERIFY reported {@code verified}; otherwise why it stops. */
    static Optional<String> refusedBecause(FlipPlan plan, MonitorFacts.Verify verified) {
        if (verified.drift() == null) {
            return Optional.of("VERIFY reported no drift count (fact 'drift'), so it cannot show the target"
                    + " matches the source");
        }
        long drift = verified.drift();
        if (drift == 0) {
            return Optional.empty();
        }
        List<MonitorFacts.Difference> listed = verified.differences() == null ? List.of() : verified.differences();
        Map<String, List<MonitorFacts.Difference>> outside = new LinkedHashMap<>();
        for (MonitorFacts.Difference difference : listed) {
            if (!plan.allowDriftIn().contains(difference.table())) {
                outside.computeIfAbsent(difference.table(), t -> new ArrayList<>()).add(difference);
            }
        }
        long unlisted = Boolean.TRUE.equals(verified.differencesTruncated()) ? Math.max(1, drift - listed.size())
                : Math.max(0, drift - listed.size());
        if (outside.isEmpty() && unlisted == 0) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder("VERIFY found drift: ").append(drift).append(" difference(s)");
        if (!outside.isEmpty()) {
            why.append(", in ").append(outside.keySet().stream().limit(NAMED_TABLES)
                    .map(table -> describe(table, outside.get(table))).collect(Collectors.joining("; ")));
            if (outside.size() > NAMED_TABLES) {
                why.append("; and ").append(outside.size() - NAMED_TABLES).append(" more table(s)");
            }
        }
        if (unlisted > 0) {
            why.append(outside.isEmpty() ? ", " : "; ").append(unlisted)
                    .append(" not listed by the monitor, so not known to be in the allowed tables");
        }
        if (!plan.allowDriftIn().isEmpty()) {
            why.append(" (drift allowed only in ").append(plan.allowDriftIn()).append(")");
        }
        return Optional.of(why.toString());
    }

    /** {@code shop.orders (2: MISSING id=7, DIFFERENT id=9)}. */
    private static String describe(String table, List<MonitorFacts.Difference> differences) {
        String keys = differences.stream().limit(NAMED_KEYS).map(DriftGate::describe).collect(Collectors.joining(", "));
        return table + " (" + differences.size() + ": " + keys + (differences.size() > NAMED_KEYS ? ", ..." : "") + ")";
    }

    private static String describe(MonitorFacts.Difference difference) {
        String kind = String.valueOf(difference.kind());
        if (difference.key() != null && !difference.key().isEmpty()) {
            return kind + " " + difference.key().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
        }
        return kind + " whole table" + (difference.detail() == null ? "" : ": " + difference.detail());
    }
}
