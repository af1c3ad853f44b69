package io.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** An RFC 7807 problem body as lines for the terminal: title, detail, then one line per wrong field. */
final class ProblemText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemText() {
    }

    static String describe(int status, String what, String body) {
        JsonNode problem;
        try {
            problem = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            problem = null;
        }
        if (problem == null || !problem.isObject()) {
            return what + " failed with HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip());
        }
        StringBuilder text = new StringBuilder(problem.path("title").asText("HTTP " + status));
        text.append(" (").append(status).append(')');
        if (problem.hasNonNull("detail")) {
            text.append(": ").append(problem.get("detail").asText());
        }
        for (JsonNode error : problem.path("errors")) {
            text.append(System.lineSeparator()).append("  - ").append(error.path("field").asText())
                    .append(": ").append(error.path("message").asText());
        }
        return text.toString();
    }
}
