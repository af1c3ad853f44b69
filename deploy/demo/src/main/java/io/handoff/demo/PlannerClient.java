package io.handoff.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.json.Json;
import io.handoff.localstack.mariadb.DbAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/** The planner's REST API as an operator's script uses it. */
public final class PlannerClient {
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "ROLLED_BACK", "FAILED", "ABORTED");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI planner;
    private final String authorization;

    /** A client acting as {@code operator} (HTTP basic auth). */
    public PlannerClient(URI planner, DbAccount operator) {
        this.planner = planner;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (operator.user() + ":" + operator.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** The planner's base URI. */
    public URI uri() {
        return planner;
    }

    /** Posts a JSON plan; returns the plan view, or throws with the problem body when refused. */
    public JsonNode submit(String planJson) {
        return postPlan("/plans", planJson, 201);
    }

    /** Compiles a JSON plan without starting it ({@code ?dryRun=true}); returns its steps, or throws with the problem body. */
    public JsonNode dryRun(String planJson) {
        return postPlan("/plans?dryRun=true", planJson, 200);
    }

    private JsonNode postPlan(String path, String planJson, int expectedStatus) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(planner.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(planJson)).build());
        if (response.statusCode() != expectedStatus) {
            throw new PlanRefusedException(response.statusCode(), response.body());
        }
        return read(response.body());
    }

    /** Starts the flip back of a completed plan; returns the new plan's view, or throws with the refusal. */
    public JsonNode flipBack(String planId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(planner.resolve("/plans/" + planId + "/flip-back"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 201) {
            throw new PlanRefusedException(response.statusCode(), response.body());
        }
        return read(response.body());
    }

    /** Declares the point of no return of a completed plan; returns the plan's view. */
    public JsonNode pointOfNoReturn(String planId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(planner.resolve("/plans/" + planId + "/point-of-no-return"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 202) {
            throw new PlanRefusedException(response.statusCode(), response.body());
        }
        return read(response.body());
    }

    /** Gives the operator's approval of {@code gate} (e.g. {@code flip}); returns the plan's view, or throws with the refusal. */
    public JsonNode approve(String planId, String gate) {
        return accepted(HttpRequest.newBuilder(planner.resolve("/plans/" + planId + "/approvals/" + gate))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /**
     * Aborts a plan before its DNS switch (rolled back when writes were fenced already); returns the plan's
     * view, or throws with the refusal (409 once the DNS switch began or the plan ended).
     */
    public JsonNode abort(String planId) {
        return accepted(HttpRequest.newBuilder(planner.resolve("/plans/" + planId + "/abort"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private JsonNode accepted(HttpRequest request) {
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 202) {
            throw new PlanRefusedException(response.statusCode(), response.body());
        }
        return read(response.body());
    }

    public JsonNode get(String planId) {
        return read(send(HttpRequest.newBuilder(planner.resolve("/plans/" + planId)).GET().build()).body());
    }

    /**
     * Follows the plan until it ends, calling {@code onChange} with each new view; returns the last.
     * This is the operator's side watching, not a step of the flip.
     */
    public JsonNode awaitEnd(String planId, Duration timeout, Consumer<JsonNode> onChange) {
        Instant deadline = Instant.now().plus(timeout);
        String previous = "";
        while (Instant.now().isBefore(deadline)) {
            JsonNode view = get(planId);
            if (!view.toString().equals(previous)) {
                previous = view.toString();
                onChange.accept(view);
            }
            if (TERMINAL.contains(view.path("status").asText())) {
                return view;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("plan " + planId + " did not end within " + timeout + ": " + get(planId));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpRequest authorized = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", authorization).build();
            return HTTP.send(authorized, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("planner unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable planner answer: " + body, e);
        }
    }
}
