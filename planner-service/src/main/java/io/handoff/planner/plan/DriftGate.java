package io.handoff.planner.plan;

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
    static final String FACT_DRIFT = "drift";
    static final String FACT_DIFFERENCES = "differences";
    static final String FACT_TRUNCATED = "differencesTruncated";
    /** How many tables, and keys per table, a refusal names. */
    static final int NAMED_TABLES = 5;
    static final int NAMED_KEYS = 3;

    private DriftGate() {
    }

    /** Empty when the plan may go on after VERIFY reported {@code facts}; otherwise why it stops. */
    static Optional<String> refusedBecause(FlipPlan plan, Map<String, Object> facts) {
        if (!(facts.get(FACT_DRIFT) instanceof Number count)) {
            return Optional.of("VERIFY reported no drift count (fact '" + FACT_DRIFT + "'), so it cannot show the target"
                    + " matches the source");
        }
        long drift = count.longValue();
        if (drift == 0) {
            return Optional.empty();
        }
        List<Map<?, ?>> listed = new ArrayList<>();
        if (facts.get(FACT_DIFFERENCES) instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(entry -> listed.add((Map<?, ?>) entry));
        }
        Map<String, List<Map<?, ?>>> outside = new LinkedHashMap<>();
        for (Map<?, ?> difference : listed) {
            String table = String.valueOf(difference.get("table"));
            if (!plan.allowDriftIn().contains(table)) {
                outside.computeIfAbsent(table, t -> new ArrayList<>()).add(difference);
            }
        }
        long unlisted = Boolean.TRUE.equals(facts.get(FACT_TRUNCATED)) ? Math.max(1, drift - listed.size())
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
    private static String describe(String table, List<Map<?, ?>> differences) {
        String keys = differences.stream().limit(NAMED_KEYS).map(DriftGate::describe).collect(Collectors.joining(", "));
        return table + " (" + differences.size() + ": " + keys + (differences.size() > NAMED_KEYS ? ", ..." : "") + ")";
    }

    private static String describe(Map<?, ?> difference) {
        String kind = String.valueOf(difference.get("kind"));
        if (difference.get("key") instanceof Map<?, ?> key && !key.isEmpty()) {
            return kind + " " + key.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
        }
        Object detail = difference.get("detail");
        return kind + " whole table" + (detail == null ? "" : ": " + detail);
    }
}
