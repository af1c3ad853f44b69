package io.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The monitor's stream ({@code lag} and {@code drift} events of {@code /dashboard/plans/{id}/monitor}) as
 * terminal lines: lag at most once per {@code every} (the monitor samples several times a second), every
 * drift report as it comes.
 */
final class MonitorLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long everyNanos;
    private long lastLag = Long.MIN_VALUE;

    MonitorLines(Duration every) {
        this.everyNanos = every.toNanos();
    }

    synchronized Optional<String> line(String event, String data) {
        JsonNode value;
        try {
            value = JSON.readTree(data);
        } catch (IOException e) {
            return Optional.empty();
        }
        return switch (event) {
            case "lag" -> lag(value);
            case "drift" -> Optional.of(String.format("  DRIFT %s %s %s", value.path("kind").asText(), value.path("table").asText(),
                    value.hasNonNull("primaryKey") ? value.get("primaryKey").toString() : value.path("keyRange").toString()));
            default -> Optional.empty();
        };
    }

    private Optional<String> lag(JsonNode sample) {
        long now = System.nanoTime();
        if (lastLag != Long.MIN_VALUE && now - lastLag < everyNanos) {
            return Optional.empty();
        }
        lastLag = now;
        String behind = sample.path("eventsBehind").asLong(-1) < 0 ? "" : "  events behind " + sample.path("eventsBehind").asLong();
        String problem = sample.path("replicationProblem").isTextual() ? "  REPLICATION: " + sample.path("replicationProblem").asText() : "";
        return Optional.of(String.format("  lag %d ms%s%s%s", sample.path("lagMillis").asLong(),
                sample.path("stale").asBoolean() ? " (stale: heartbeat not advancing)" : "", behind, problem));
    }
}
