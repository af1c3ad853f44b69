package io.handoff.planner.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole plans (prepare, then flip) on the planner over the real broker: the executors are stood in for
 * by the test, and the replication monitor's lag samples are published by the test on the real
 * {@code handoff.replication.lag} topic, every 200 ms, at a lag the test sets.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class WholePlanTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<StepType> PREPARED = List.of(StepType.PRECHECK, StepType.RETAIN_BINLOG, StepType.SEED,
            StepType.START_REPLICATION, StepType.START_MONITOR);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong lag = new AtomicLong();

    @BeforeEach
    void asOperator() {
        RestAssured.authentication = RestAssured.preemptive().basic("test-operator", "test-operator-password");
    }

    @AfterEach
    void stopTheMonitorAndForgetCredentials() throws InterruptedException {
        monitor.shutdownNow();
        assertThat(monitor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        RestAssured.reset();
    }

    @Test
    void waitCaughtUpWaitsWhileTheLagIsHighAndVerifyWithDriftStopsThePlanBeforeReadOnly() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            lag.set(5_000);
            String planId = submit(Json.toJson(Plans.whole("drifted", "3s", List.of("shop.audit"))));
            publishLag(executors, planId);

            List<StepCommand> prepared = executors.answer(planId, WholePlanTest::answer,
                    () -> "WAITING".equals(stepState(planId, 5)), TIMEOUT);

            assertThat(prepared).extracting(StepCommand::type).containsExactlyElementsOf(PREPARED);
            assertThat(prepared.get(3).params()).containsEntry(StepParams.POSITION, "0-1-42");
            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/plans/" + planId).then()
                    .body("steps[5].stepId", equalTo("06-wait-caught-up-target"))
                    .body("steps[5].executor", equalTo("PLANNER"))
                    .body("steps[5].facts.waitingFor", equalTo("lag 5000 ms is above 500 ms")));
            assertThat(executors.commandsSeen(Duration.ofSeconds(1))).as("nothing sent while the lag is high").isZero();

            Instant low = Instant.now();
            lag.set(100);
            List<StepCommand> rest = executors.answer(planId, WholePlanTest::answer, () -> "FAILED".equals(status(planId)), TIMEOUT);

            assertThat(rest).extracting(StepCommand::type).as("VERIFY, then only the monitor stopped: no READ_ONLY, no ROLLBACK")
                    .containsExactly(StepType.VERIFY, StepType.STOP_MONITOR);
            assertThat(rest.get(1).params()).isEqualTo(Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "source"));
            assertThat(rest.get(0).occurredAt()).as("sent once the lag had stayed low for 3 s").isAfterOrEqualTo(low.plusSeconds(3));
            given().get("/plans/" + planId).then()
                    .body("status", equalTo("FAILED"))
                    .body("reason", containsString("07-verify-target: VERIFY found drift: 3 difference(s), in shop.orders"
                            + " (2: MISSING id=7, DIFFERENT id=9)"))
                    .body("reason", containsString("nothing to roll back"))
                    .body("steps[5].state", equalTo("SUCCEEDED"))
                    .body("steps[6].state", equalTo("FAILED"))
                    .body("steps[6].facts.drift", equalTo(3))
                    .body("steps[8].stepId", equalTo("09-read-only-source"))
                    .body("steps[8].state", equalTo("PENDING"))
                    .body("steps[21].type", equalTo("STOP_MONITOR"))
                    .body("steps[21].state", equalTo("PENDING"))
                    .body("cleanup.stepId", equalTo("cleanup-stop-monitor"))
                    .body("cleanup.state", equalTo("SUCCEEDED"))
                    .body("rollback", nullValue());
        }
    }

    @Test
    void driftOnlyInAnAllowedTableLetsThePlanGoOnThroughTheFlip() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            lag.set(100);
            String planId = submit(Json.toJson(Plans.whole("allowed", "1s", List.of("shop.orders", "shop.customers"))));
            publishLag(executors, planId);

            List<StepCommand> commands = executors.answer(planId, WholePlanTest::answer,
                    () -> "COMPLETED".equals(status(planId)), TIMEOUT);

            assertThat(commands).extracting(StepCommand::type).startsWith(StepType.PRECHECK, StepType.RETAIN_BINLOG,
                    StepType.SEED, StepType.START_REPLICATION, StepType.START_MONITOR, StepType.VERIFY, StepType.FLUSH_TABLES,
                    StepType.READ_ONLY).endsWith(StepType.RESET_REPLICA, StepType.STOP_MONITOR).hasSize(21)
                    .doesNotContain(StepType.WAIT_CAUGHT_UP, StepType.ROLLBACK);
            given().get("/plans/" + planId).then()
                    .body("phases", equalTo(List.of("prepare", "flip")))
                    .body("steps.state", org.hamcrest.Matchers.everyItem(equalTo("SUCCEEDED")))
                    .body("steps[5].facts.maxLagMs", equalTo(500))
                    .body("steps[6].facts.drift", equalTo(3));
        }
    }

    @Test
    void aDryRunListsThePrepareStepsAndABadWholePlanGetsEveryFindingNamed() {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String whole = PlanReaderTest.WHOLE_YAML.replace("name: shop-to-aurora", "name: whole-dry-run");
            given().contentType("application/yaml").body(whole.getBytes(StandardCharsets.UTF_8))
                    .post("/plans?dryRun=true").then().statusCode(200)
                    .body("phases", equalTo(List.of("prepare", "flip")))
                    .body("steps.size()", equalTo(22))
                    .body("steps[0].stepId", equalTo("01-precheck-target"))
                    .body("steps[5].type", equalTo("WAIT_CAUGHT_UP"))
                    .body("steps[5].executor", equalTo("PLANNER"))
                    .body("steps[6].phase", equalTo("prepare"))
                    .body("steps[7].phase", equalTo("flip"))
                    .body("steps.findIndexOf { it.type == 'SNAPSHOT' }", equalTo(17))
                    .body("steps.findIndexOf { it.type == 'WRITABLE' }", equalTo(15));

            String bad = whole.replace("phases: [prepare, flip]", "phases: [flip, prepare]")
                    .replace("seed: { method: mysqldump }", "seed: { method: external }")
                    .replace("caughtUpFor: 30s", "caughtUpFor: forever");
            given().contentType("application/yaml").body(bad.getBytes(StandardCharsets.UTF_8)).post("/plans?dryRun=true")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItems("phases[1]", "gates.caughtUpFor", "prepare.seed.position"));

            assertThat(executors.commandsSeen(Duration.ofSeconds(1))).isZero();
            given().get("/plans").then().body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("whole-dry-run")));
        }
    }

    /** Confirms every command as an executor would; SEED reports its position, VERIFY drift in two tables. */
    private static StepEvent answer(StepCommand command) {
        Map<String, Object> facts = switch (command.type()) {
            case SEED -> Map.of(StepParams.FACT_POSITION, "0-1-42");
            case CAPTURE_POSITION -> Map.of(StepParams.FACT_POSITION, "0-2-7");
            case VERIFY -> Map.of("drift", 3, "differencesTruncated", false, "differences", List.of(
                    Map.of("table", "shop.orders", "key", Map.of("id", 7), "kind", "MISSING"),
                    Map.of("table", "shop.orders", "key", Map.of("id", 9), "kind", "DIFFERENT"),
                    Map.of("table", "shop.customers", "key", Map.of("id", 3), "kind", "EXTRA")));
            case SWITCH_DNS -> Map.of(StepParams.FACT_OLD_VALUES, Map.of(), StepParams.FACT_NEW_VALUES, Map.of());
            default -> Map.of();
        };
        return StepEvent.succeeded(command, facts, Clock.systemUTC());
    }

    /** Publishes a fresh sample at the current {@link #lag} every 200 ms, as the monitor does, until the test ends. */
    private void publishLag(ExecutorStandIn executors, String planId) {
        monitor.scheduleAtFixedRate(() -> {
            try {
                executors.publishLag(planId, lag.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
    }

    private static String submit(String plan) {
        return given().contentType(ContentType.JSON).body(plan).post("/plans")
                .then().statusCode(201).body("status", equalTo("RUNNING")).extract().path("id");
    }

    private static String stepState(String planId, int index) {
        return given().get("/plans/" + planId).then().extract().path("steps[" + index + "].state");
    }

    private static String status(String planId) {
        return given().get("/plans/" + planId).then().extract().path("status");
    }
}
