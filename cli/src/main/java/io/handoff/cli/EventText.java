package io.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** A plan event (as {@code /plans/{id}/events} sends it) as one terminal line. */
final class EventText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventText() {
    }

    /** Marks a queued entry that is already a terminal line, not a plan event. */
    static final String PRINTED = "\u0000";

    static String line(String data) {
        if (data.startsWith(PRINTED)) {
            return data.substring(PRINTED.length());
        }
        try {
            JsonNode event = JSON.readTree(data);
            String step = event.hasNonNull("stepId") ? " " + event.get("stepId").asText() : "";
            String at = event.hasNonNull("occurredAt") ? event.get("occurredAt").asText() + "  " : "";
            JsonNode details = event.path("details");
            return "  " + at + event.path("kind").asText("?") + step
                    + (details.isObject() && !details.isEmpty() ? "  " + PlanText.facts(details) : "");
        } catch (IOException e) {
            return "  " + data;
        }
    }
}
