package io.handoff.planner.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.json.Json;
import io.handoff.localstack.ChildProcesses;
import io.handoff.localstack.FreePorts;
import io.handoff.localstack.PrivateProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * The packaged planner ({@code target/quarkus-app/quarkus-run.jar}, built before the integration tests)
 * as a child process that a test can kill ({@code kill -9}) and start again on the same configuration:
 * same port, same transactional id, same consumer group. An operator with a random password is
 * configured through a private properties file, never on the command line.
 */
final class PlannerProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path config;
    private final Path log;
    private final int port;
    private final String authorization;
    private Process process;

    PlannerProcess(String bootstrapServers, Path workDir) throws IOException {
        this(bootstrapServers, workDir, Map.of());
    }

    /** A planner with {@code extra} configuration besides Kafka and the operator (e.g. {@code handoff.topics.*}). */
    PlannerProcess(String bootstrapServers, Path workDir, Map<String, String> extra) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the planner is packaged before the integration tests");
        }
        Files.createDirectories(workDir);
        String password = UUID.randomUUID().toString();
        Map<String, String> properties = new java.util.HashMap<>(extra);
        properties.putAll(Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "quarkus.security.users.embedded.users.it-operator", password,
                "quarkus.security.users.embedded.roles.it-operator", "operator"));
        this.config = PrivateProperties.write(workDir.resolve("planner.properties"), properties);
        this.log = workDir.resolve("planner.log");
        Files.deleteIfExists(log); // a log per test run; restarts append to it
        this.port = FreePorts.orFree(0);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("it-operator:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Starts the process and waits until {@code /q/health/ready} answers 200 (plans replayed). */
    synchronized PlannerProcess start() {
        return launch(true);
    }

    /** Starts the process and waits until {@code /q/health/ready} answers at all, ready or not. */
    synchronized PlannerProcess launch() {
        return launch(false);
    }

    private PlannerProcess launch(boolean untilReady) {
        process = ChildProcesses.start(List.of(ChildProcesses.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + port, "-Dquarkus.config.locations=" + config.toUri(),
                "-jar", JAR.toString()), JAR.getParent(), log);
        Awaitility.await("planner ready (log " + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the planner exited:\n" + ChildProcesses.tail(log, 40));
                    }
                    try {
                        int status = send(HttpRequest.newBuilder(uri("/q/health/ready")).GET()).statusCode();
                        return status == 200 || !untilReady && status == 503;
                    } catch (IllegalStateException notListeningYet) {
                        return false;
                    }
                });
        return this;
    }

    /** Kills the process with SIGKILL, as a crash would, and waits until it is gone. */
    synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Posts {@code planJson}; returns the new plan's id. */
    String submit(String planJson) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/plans")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(planJson)));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("plan refused: " + response.statusCode() + " " + response.body());
        }
        return read(response.body()).path("id").asText();
    }

    /** Posts {@code json} to {@code path} and returns the answer as it is. */
    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code GET /q/health/ready} as it is (200 or 503). */
    HttpResponse<String> readiness() {
        return send(HttpRequest.newBuilder(uri("/q/health/ready")).GET());
    }

    JsonNode get(String planId) {
        return read(send(HttpRequest.newBuilder(uri("/plans/" + planId)).GET()).body());
    }

    Path log() {
        return log;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("Authorization", authorization).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("planner unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable planner answer: " + body, e);
        }
    }

    @Override
    public synchronized void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }
}
