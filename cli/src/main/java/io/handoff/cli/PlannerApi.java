package io.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.BiPredicate;

/**
 * The planner's REST API as the CLI uses it: JSON in and out, authenticated with HTTP basic auth (an
 * embedded user's name and password) or an OIDC bearer token. The secret lives only in the
 * {@code Authorization} header: no message, log line or {@code toString} carries it. Every refusal becomes
 * a {@link PlannerException} whose message the operator can act on (the problem's title, detail and
 * each named field for 4xx; who was refused for 401/403; the address for an unreachable planner).
 */
final class PlannerApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String who;
    private final String credentials;
    private final String authorization;
    private final HttpClient http;

    private PlannerApi(URI base, String who, String credentials, String authorization) {
        this.base = base;
        this.who = who;
        this.credentials = credentials;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** As {@code user} with {@code password} (HTTP basic); the array is cleared. */
    static PlannerApi basic(URI base, String user, char[] password) {
        byte[] pair = (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8);
        Arrays.fill(password, '\0');
        return new PlannerApi(base, "'" + user + "'", "the credentials of '" + user + "'",
                "Basic " + Base64.getEncoder().encodeToString(pair));
    }

    /** With an OIDC access token ({@code Authorization: Bearer}); the planner takes the user from it. The array is cleared. */
    static PlannerApi bearer(URI base, char[] token) {
        String value = new String(token).strip();
        Arrays.fill(token, '\0');
        return new PlannerApi(base, "the token's user", "the bearer token (expired, or not from the planner's issuer?)",
                "Bearer " + value);
    }

    JsonNode get(String path) {
        return send(request(path).GET().header("Accept", "application/json").build());
    }

    JsonNode post(String path, String body, String contentType) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType).header("Accept", "application/json").build());
    }

    JsonNode post(String path) {
        return post(path, "", "application/json");
    }

    /**
     * Reads the server-sent events at {@code path}, giving each event's name ({@code message} when it
     * has none) and data to {@code onEvent} until it returns {@code false} or the server closes the
     * stream. Blocks the calling thread.
     */
    void stream(String path, BiPredicate<String, String> onEvent) {
        HttpRequest request = request(path).GET().header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 300) {
                throw refusal(request, response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            StringBuilder data = new StringBuilder();
            String name = "message";
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.isEmpty() && !data.isEmpty()) {
                    boolean more = onEvent.test(name, data.toString());
                    data.setLength(0);
                    name = "message";
                    if (!more) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** Who asks, as the operator should read it: {@code 'alice'}, or the token's user. */
    String user() {
        return who;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization);
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw refusal(request, response.statusCode(), response.body());
        }
        try {
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PlannerException(ExitCodes.UNAVAILABLE, "the planner answered " + request.uri()
                    + " with something that is not JSON: " + e.getMessage());
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlannerException(ExitCodes.UNAVAILABLE, "interrupted while waiting for the planner");
        }
    }

    private PlannerException unreachable(IOException e) {
        return new PlannerException(ExitCodes.UNAVAILABLE, "cannot reach the planner at " + base + " ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + "); is it running? set --planner or HANDOFF_PLANNER_URL");
    }

    private PlannerException refusal(HttpRequest request, int status, String body) {
        String what = request.method() + " " + request.uri().getPath();
        return switch (status) {
            case 401 -> new PlannerException(ExitCodes.NOT_ALLOWED,
                    "the planner did not accept " + credentials + " (401) for " + what);
            case 403 -> new PlannerException(ExitCodes.NOT_ALLOWED,
                    who + " may not " + what + " (403): changes need the operator role");
            default -> new PlannerException(status >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.REFUSED,
                    ProblemText.describe(status, what, body));
        };
    }
}
