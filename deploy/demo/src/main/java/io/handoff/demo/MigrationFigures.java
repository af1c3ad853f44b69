package io.handoff.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The prepare phase's throughput and findings, read from a plan view's step facts: SEED's rows and bytes
 * (cutover's seed handler) over the step's duration, VERIFY's rows, duration and drift (the replication
 * monitor's verification), and the drift reports the continuous check published while the monitor ran
 * (STOP_MONITOR). A figure is null when the plan has no such step or the step did not report it.
 *
 * @param seedRows                 rows in the seeded schemas on the target after the load
 * @param seedBytes                bytes of dump streamed into the target
 * @param seedMs                   SEED's work, from the executor's start to its confirmation (from scheduling
 *                                 when the start is not known)
 * @param seedRowsPerSecond        seedRows over seedMs
 * @param seedBytesPerSecond       seedBytes over seedMs
 * @param seedThreads              the sessions on each server that copied (the parallel method), or null
 * @param verifyRows               source rows VERIFY compared
 * @param verifyMs                 VERIFY's own measure of its work
 * @param verifyRowsPerSecond      VERIFY's rows per second of its work
 * @param driftRows                differences VERIFY found (rows and whole tables)
 * @param continuousDriftReports   drift reports the monitor published while it ran
 */
public record MigrationFigures(Long seedRows, Long seedBytes, Long seedMs, Long seedRowsPerSecond,
        Long seedBytesPerSecond, Long seedThreads, Long verifyRows, Long verifyMs, Long verifyRowsPerSecond, Long driftRows,
        Long continuousDriftReports) {

    /** The figures of {@code plan} (a plan view as the planner serves it). */
    public static MigrationFigures of(JsonNode plan) {
        Optional<JsonNode> seed = succeeded(plan, "SEED");
        Optional<JsonNode> verify = succeeded(plan, "VERIFY");
        Long seedRows = seed.map(s -> number(s.path("facts").path("rows"))).orElse(null);
        Long seedBytes = seed.map(s -> number(s.path("facts").path("bytes"))).orElse(null);
        Long seedMs = seed.map(MigrationFigures::workMs).orElse(null);
        Long verifyRows = verify.map(v -> number(v.path("facts").path("rows"))).orElse(null);
        Long verifyMs = verify.map(v -> number(v.path("facts").path("durationMs"))).orElse(null);
        Long verifyRate = verify.map(v -> number(v.path("facts").path("rowsPerSecond"))).orElse(null);
        Long stopMonitorDrift = null;
        for (JsonNode step : plan.path("steps")) {
            if ("STOP_MONITOR".equals(step.path("type").asText()) && step.path("facts").path("driftReports").isNumber()) {
                stopMonitorDrift = (stopMonitorDrift == null ? 0 : stopMonitorDrift) + step.path("facts").path("driftReports").asLong();
            }
        }
        return new MigrationFigures(seedRows, seedBytes, seedMs, perSecond(seedRows, seedMs), perSecond(seedBytes, seedMs),
                seed.map(s -> number(s.path("facts").path("threads"))).orElse(null),
                verifyRows, verifyMs, verifyRate != null ? verifyRate : perSecond(verifyRows, verifyMs),
                verify.map(v -> number(v.path("facts").path("drift"))).orElse(null), stopMonitorDrift);
    }

    /** {@code amount} per second of {@code ms}; null when either is unknown; the amount itself for 0 ms. */
    static Long perSecond(Long amount, Long ms) {
        if (amount == null || ms == null) {
            return null;
        }
        return ms <= 0 ? amount : Math.round(amount * 1000.0 / ms);
    }

    private static Long workMs(JsonNode step) {
        if (step.path("startedAt").isTextual() && step.path("finishedAt").isTextual()) {
            return java.time.Duration.between(java.time.Instant.parse(step.path("startedAt").asText()),
                    java.time.Instant.parse(step.path("finishedAt").asText())).toMillis();
        }
        return number(step.path("durationMs"));
    }

    private static Optional<JsonNode> succeeded(JsonNode plan, String type) {
        for (JsonNode step : plan.path("steps")) {
            if (type.equals(step.path("type").asText()) && "SUCCEEDED".equals(step.path("state").asText())) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    private static Long number(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
    }
}
