package io.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Plans and steps as terminal text: one header line per plan, one line per step of the timeline. */
final class PlanText {
    private static final int FACTS_WIDTH = 70;
    /** Narrowest widths of the step table's STEP, TYPE, EXECUTOR and STATE columns; wider when a plan's values are. */
    private static final int[] MIN_WIDTHS = {16, 20, 8, 10};
    private static final String[] COLUMNS = {"stepId", "type", "executor", "state"};

    private PlanText() {
    }

    static String header(JsonNode plan) {
        return String.format("plan %s \"%s\"  %s -> %s  %s  %s%s", plan.path("id").asText(), plan.path("name").asText(),
                plan.path("source").asText(), plan.path("target").asText(), plan.path("order").asText(),
                plan.path("status").asText(),
                text(plan, "reason").isEmpty() ? "" : "  (" + text(plan, "reason") + ")");
    }

    static String listLine(JsonNode plan) {
        return String.format("%-36s  %-12s  %-24s  %s -> %s  submitted %s by %s", plan.path("id").asText(),
                plan.path("status").asText(), plan.path("name").asText(), plan.path("source").asText(),
                plan.path("target").asText(), text(plan, "submittedAt"), text(plan, "submittedBy"));
    }

    /** The header, the step table, and the rollback / point-of-no-return steps when they ran. */
    static List<String> timeline(JsonNode plan) {
        List<String> lines = new ArrayList<>();
        lines.add(header(plan));
        String format = stepFormat(plan);
        lines.add(String.format(format, "#", "STEP", "TYPE", "EXECUTOR", "STATE", "TOOK", "FACTS"));
        int number = 1;
        for (JsonNode step : plan.path("steps")) {
            lines.add(stepLine(plan, Integer.toString(number++), step));
        }
        for (String extra : List.of("rollback", "pointOfNoReturn")) {
            if (plan.hasNonNull(extra)) {
                lines.add(stepLine(plan, "-", plan.get(extra)));
            }
        }
        for (JsonNode fence : plan.path("fences")) {
            lines.add(fenceLine(fence));
        }
        snapshotLine(plan).ifPresent(lines::add);
        return lines;
    }

    /**
     * Where the flip's SNAPSHOT of the old master ran against the write-blocked window: from its own start and end
     * against the old master's READ_ONLY and the new master's WRITABLE (their times as the plan reports them).
     */
    static Optional<String> snapshotLine(JsonNode plan) {
        JsonNode snapshot = firstOfType(plan, "SNAPSHOT");
        if (snapshot == null || !snapshot.hasNonNull("startedAt")) {
            return Optional.empty();
        }
        JsonNode readOnly = firstOfType(plan, "READ_ONLY");
        JsonNode writable = firstOfType(plan, "WRITABLE");
        Instant started = Instant.parse(snapshot.get("startedAt").asText());
        String where;
        if (writable != null && writable.hasNonNull("finishedAt")
                && !started.isBefore(Instant.parse(writable.get("finishedAt").asText()))) {
            where = "outside the write-blocked window: it started "
                    + Duration.between(Instant.parse(writable.get("finishedAt").asText()), started).toMillis()
                    + " ms after " + writable.path("stepId").asText() + " made the new master writable";
        } else if (readOnly != null && readOnly.hasNonNull("finishedAt")
                && started.isAfter(Instant.parse(readOnly.get("finishedAt").asText()))) {
            where = "INSIDE the write-blocked window: it started after " + readOnly.path("stepId").asText()
                    + " and before the new master was writable";
        } else {
            where = "before the old master was fenced";
        }
        String took = snapshot.hasNonNull("durationMs") ? ", took " + snapshot.get("durationMs").asLong() + " ms" : ", not finished";
        return Optional.of("snapshot: " + snapshot.path("stepId").asText() + " ran " + where + took);
    }

    private static JsonNode firstOfType(JsonNode plan, String type) {
        for (JsonNode step : plan.path("steps")) {
            if (type.equals(step.path("type").asText())) {
                return step;
            }
        }
        return null;
    }

    /** A FENCE command's steps, first to last, and how long they took together once all succeeded. */
    static String fenceLine(JsonNode fence) {
        JsonNode ids = fence.path("stepIds");
        String took = fence.hasNonNull("totalMs") ? fence.get("totalMs").asLong() + " ms" : "not finished";
        return "fence: " + ids.size() + " steps " + ids.get(0).asText() + " .. " + ids.get(ids.size() - 1).asText()
                + " in one command, " + took;
    }

    /** One step of {@code plan} as a line of its step table, whose columns fit every step of the plan. */
    static String stepLine(JsonNode plan, String number, JsonNode step) {
        String took = step.hasNonNull("durationMs") ? step.get("durationMs").asLong() + " ms" : "";
        String detail = step.hasNonNull("failure")
                ? "FAILED: " + step.at("/failure/reason").asText(step.get("failure").toString())
                : progress(step).orElseGet(() -> facts(step.path("facts")));
        return String.format(stepFormat(plan), number, step.path("stepId").asText(), step.path("type").asText(),
                step.path("executor").asText(), step.path("state").asText(), took, detail);
    }

    /** The step table's line format: each text column as wide as its widest value in the plan (steps, rollback, point of no return). */
    private static String stepFormat(JsonNode plan) {
        int[] widths = MIN_WIDTHS.clone();
        List<JsonNode> steps = new ArrayList<>();
        plan.path("steps").forEach(steps::add);
        for (String extra : List.of("rollback", "pointOfNoReturn")) {
            if (plan.hasNonNull(extra)) {
                steps.add(plan.get(extra));
            }
        }
        for (JsonNode step : steps) {
            for (int i = 0; i < COLUMNS.length; i++) {
                widths[i] = Math.max(widths[i], step.path(COLUMNS[i]).asText().length());
            }
        }
        return "%3s  %-" + widths[0] + "s %-" + widths[1] + "s %-" + widths[2] + "s %-" + widths[3] + "s %8s  %s";
    }

    /**
     * A running step's progress report (SEED by the parallel method), when its facts are one: {@code 1,200,000 of about
     * 2,000,000 rows (60 %), 45 MiB, 60,000 rows/s, about 13 s left, chunks 12/20}.
     */
    static Optional<String> progress(JsonNode step) {
        JsonNode facts = step.path("facts");
        if (!"RUNNING".equals(step.path("state").asText()) || !facts.has("chunksTotal") || !facts.has("rowsPerSecond")) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d", facts.path("rows").asLong()));
        if (facts.path("estimatedRows").asLong() > 0) {
            text.append(String.format(Locale.ROOT, " of about %,d", facts.path("estimatedRows").asLong()));
        }
        text.append(" rows");
        if (facts.has("percent")) {
            text.append(" (").append(facts.path("percent").asLong()).append(" %)");
        }
        text.append(String.format(Locale.ROOT, ", %,d MiB, %,d rows/s", facts.path("bytes").asLong() >> 20,
                facts.path("rowsPerSecond").asLong()));
        if (facts.has("secondsLeft")) {
            text.append(String.format(Locale.ROOT, ", about %,d s left", facts.path("secondsLeft").asLong()));
        }
        text.append(", chunks ").append(facts.path("chunksDone").asLong()).append('/').append(facts.path("chunksTotal").asLong());
        JsonNode waiting = facts.path("waitingForMetadataLock");
        if (waiting.isArray() && !waiting.isEmpty()) {
            List<String> sessions = new ArrayList<>();
            waiting.forEach(session -> sessions.add(session.asText()));
            text.append("; waiting for a metadata lock on the source (DDL on a table the seed has read waits until it ends): ")
                    .append(String.join(", ", sessions));
        }
        return Optional.of(text.toString());
    }

    /** {@code key=value} pairs of a step's facts, cut to one terminal line. */
    static String facts(JsonNode facts) {
        StringBuilder text = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = facts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> fact = it.next();
            String value = fact.getValue().isValueNode() ? fact.getValue().asText() : fact.getValue().toString();
            text.append(text.isEmpty() ? "" : " ").append(fact.getKey()).append('=').append(value);
        }
        return text.length() <= FACTS_WIDTH ? text.toString() : text.substring(0, FACTS_WIDTH - 3) + "...";
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "";
    }
}
