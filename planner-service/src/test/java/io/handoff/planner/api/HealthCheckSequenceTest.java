package io.handoff.planner.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.planner.plan.Plans;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-application health checks (issue 7, "Automated per-application cutover") on the planner over the
 * real broker: the executors are stood in for by the test, and the applications' health checks are
 * served by a local HTTP server whose answers the test scripts per application.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class HealthCheckSequenceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private HttpServer health;
    /** Per path: the status for the n-th request (1-based). */
    private final Map<String, IntUnaryOperator> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void startHealthChecksAsOperator() throws IOException {
        RestAssured.authentication = RestAssured.preemptive().basic("test-operator", "test-operator-password");
        health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int n = requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = answers.getOrDefault(path, any -> 404).applyAsInt(n);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        health.start();
    }

    @AfterEach
    void stopHealthChecksAndForgetCredentials() {
        health.stop(0);
        RestAssured.reset();
    }

    @Test
    void aFailingHealthCheckStopsTheSequenceAfterItsApplicationsSwitchAndNamesIt() throws Exception {
        answers.put("/storefront", n -> 200);
        answers.put("/billing", n -> 503);
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.withHealthChecks("health-fails", null, "3s", url("/storefront"), url("/billing"), null));

            List<StepCommand> commands = executors.answer(planId, HealthCheckSequenceTest::succeed,
                    () -> "FAILED".equals(status(planId)), TIMEOUT);

            assertThat(commands).filteredOn(c -> c.type() == StepType.SWITCH_DNS)
                    .extracting(c -> c.params().get(StepParams.APPLICATION)).as("app3's switch is never sent")
                    .containsExactly("storefront", "billing");
            assertThat(commands).extracting(StepCommand::type).doesNotContain(StepType.CHECK_HEALTH, StepType.ROLLBACK);
            given().get("/plans/" + planId).then()
                    .body("status", equalTo("FAILED"))
                    .body("reason", containsString("16-check-health-billing: application 'billing': health check "
                            + url("/billing") + " did not answer 2xx within 3s; last: HTTP 503"))
                    .body("reason", containsString("not switched: [app3]"))
                    .body("steps[13].stepId", equalTo("14-check-health-storefront"))
                    .body("steps[13].executor", equalTo("PLANNER"))
                    .body("steps[13].state", equalTo("SUCCEEDED"))
                    .body("steps[13].facts.httpStatus", equalTo(200))
                    .body("steps[15].stepId", equalTo("16-check-health-billing"))
                    .body("steps[15].state", equalTo("FAILED"))
                    .body("steps[15].facts.httpStatus", equalTo(503))
                    .body("steps[15].failure.reason", containsString(url("/billing")))
                    .body("steps[16].stepId", equalTo("17-switch-dns-app3"))
                    .body("steps[16].state", equalTo("PENDING"));
            assertThat(requests.get("/billing").get()).as("the failing check was tried again until its timeout").isGreaterThan(1);
        }
    }

    @Test
    void aHealthCheckThatRecoversWithinItsTimeoutLetsTheSequenceGoOn() throws Exception {
        answers.put("/storefront", n -> n <= 2 ? 503 : 204);
        answers.put("/billing", n -> 200);
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.withHealthChecks("health-recovers", null, "20s", url("/storefront"), url("/billing")));

            List<StepCommand> commands = executors.answer(planId, HealthCheckSequenceTest::succeed,
                    () -> "COMPLETED".equals(status(planId)), TIMEOUT);

            assertThat(commands).filteredOn(c -> c.type() == StepType.SWITCH_DNS).hasSize(2);
            given().get("/plans/" + planId).then()
                    .body("status", equalTo("COMPLETED"))
                    .body("steps.state", org.hamcrest.Matchers.everyItem(equalTo("SUCCEEDED")))
                    .body("steps[13].facts.httpStatus", equalTo(204))
                    .body("steps[13].facts.attempts", equalTo(3));
        }
    }

    @Test
    void aHealthCheckThatIsNotAnHttpUrlIsRefusedWith400NamingIt() {
        given().contentType(ContentType.JSON).body(Json.toJson(Plans.withHealthChecks("bad-health", null, "0s",
                        "storefront/health", null)))
                .post("/plans?dryRun=true").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("applications[0].healthCheck", "flip.healthCheckTimeout"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + health.getAddress().getPort() + path;
    }

    private static StepEvent succeed(StepCommand command) {
        Map<String, Object> facts = switch (command.type()) {
            case CAPTURE_POSITION -> Map.of(StepParams.FACT_POSITION, "0-2-42");
            case SWITCH_DNS -> Map.of(StepParams.FACT_OLD_VALUES, Map.of(), StepParams.FACT_NEW_VALUES, Map.of());
            default -> Map.of();
        };
        return StepEvent.succeeded(command, facts, Clock.systemUTC());
    }

    private static String submit(Object plan) {
        return given().contentType(ContentType.JSON).body(Json.toJson(plan)).post("/plans")
                .then().statusCode(201).body("status", equalTo("RUNNING")).extract().path("id");
    }

    private static String status(String planId) {
        return given().get("/plans/" + planId).then().extract().path("status");
    }
}
