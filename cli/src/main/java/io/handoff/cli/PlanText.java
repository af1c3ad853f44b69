package io.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Plans and steps as terminal text: one header line per plan, one line per step of the timeline. */
final class PlanText {
    private static final int FACTS_WIDTH = 70;
    private static final String STEP_FORMAT = "%3s  %-16s %-20s %-8s %-10s %8s  %s";

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
        lines.add(String.format(STEP_FORMAT, "#", "STEP", "TYPE", "EXECUTOR", "STATE", "TOOK", "FACTS"));
        int number = 1;
        for (JsonNode step : plan.path("steps")) {
            lines.add(stepLine(Integer.toString(number++), step));
        }
        for (String extra : List.of("rollback", "pointOfNoReturn")) {
            if (plan.hasNonNull(extra)) {
                lines.add(stepLine("-", plan.get(extra)));
            }
        }
        return lines;
    }

    static String stepLine(String number, JsonNode step) {
        String took = step.hasNonNull("durationMs") ? step.get("durationMs").asLong() + " ms" : "";
        String detail = step.hasNonNull("failure")
                ? "FAILED: " + step.at("/failure/reason").asText(step.get("failure").toString())
                : facts(step.path("facts"));
        return String.format(STEP_FORMAT, number, step.path("stepId").asText(), step.path("type").asText(),
                step.path("executor").asText(), step.path("state").asText(), took, detail);
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
