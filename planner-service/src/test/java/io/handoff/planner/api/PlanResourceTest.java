package io.handoff.planner.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.handoff.common.event.Failure;
import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.FollowUp;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.planner.plan.PlanRequest;
import io.handoff.planner.plan.Plans;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The planner on its own, over the real broker: the executors are stood in for by the test, which
 * answers the commands the planner sends. (The real executors are exercised end to end elsewhere.)
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class PlanResourceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void asOperator() {
        RestAssured.authentication = RestAssured.preemptive().basic("test-operator", "test-operator-password");
    }

    @AfterEach
    void forgetCredentials() {
        RestAssured.reset();
    }

    @Test
    void withoutCredentialsNothingIsShownOrStartedAndViewersOnlyRead() {
        String plan = Json.toJson(Plans.valid(null));
        given().auth().none().contentType(ContentType.JSON).body(plan).post("/plans").then().statusCode(401);
        given().auth().none().get("/plans").then().statusCode(401);

        given().auth().preemptive().basic("test-viewer", "test-viewer-password").contentType(ContentType.JSON).body(plan)
                .post("/plans").then().statusCode(403);
        given().auth().preemptive().basic("test-viewer", "test-viewer-password").get("/plans").then().statusCode(200);
        given().auth().preemptive().basic("test-operator", "wrong").get("/plans").then().statusCode(401);
    }

    @Test
    void badPlansGet400NamingTheFieldAndNothingIsSent() {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            PlanRequest valid = Plans.valid(null);
            PlanRequest unknownCluster = new PlanRequest("p", "onprem-main", "target", valid.flip(), null, null, valid.applications());
            PlanRequest noRecords = new PlanRequest("p", "source", "target", valid.flip(), null, null,
                    List.of(new PlanRequest.Application("storefront", null, List.of())));
            PlanRequest negativeTimeout = new PlanRequest("p", "source", "target",
                    new PlanRequest.Flip(null, null, null, null, "-1s", null, null), null, null, valid.applications());

            refused(Json.toJson(unknownCluster), "source");
            refused(Json.toJson(noRecords), "applications[0].records");
            refused(Json.toJson(negativeTimeout), "flip.syncTimeout");
            refused("{\"name\":\"p\",\"source\":\"source\",\"target\":\"target\",\"flip\":{\"syncTimout\":\"5s\"}}",
                    "flip.syncTimout");

            assertThat(executors.commandsSeen(Duration.ofSeconds(1))).isZero();
            given().get("/plans").then().statusCode(200).body("name", org.hamcrest.Matchers.not(hasItem("p")));
        }
    }

    @Test
    void stepsRunInOrderAndReverseReplicationStartsAtTheCapturedPosition() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.valid("writable-first"));

            List<StepCommand> commands = executors.answer(planId, command -> StepEvent.succeeded(command,
                    command.type() == StepType.CAPTURE_POSITION ? Map.of(StepParams.FACT_POSITION, "0-2-42") : Map.of(),
                    Clock.systemUTC()), () -> status(planId).equals("COMPLETED"), TIMEOUT);

            assertThat(commands).extracting(StepCommand::type).containsExactly(StepType.FLUSH_TABLES, StepType.READ_ONLY,
                    StepType.READ_ONLY, StepType.KILL_CONNECTIONS, StepType.FLUSH_TABLES, StepType.WAIT_SYNC,
                    StepType.STOP_REPLICA, StepType.CAPTURE_POSITION, StepType.WRITABLE, StepType.SWITCH_DNS,
                    StepType.SWITCH_DNS, StepType.RESET_REPLICA, StepType.REVERSE_REPLICATION, StepType.RESET_REPLICA);
            assertThat(commands.get(12).params()).containsEntry(StepParams.POSITION, "0-2-42")
                    .containsEntry(StepParams.CLUSTER, "source").containsEntry(StepParams.SOURCE_CLUSTER, "target");
            given().get("/plans/" + planId).then().statusCode(200)
                    .body("status", equalTo("COMPLETED"))
                    .body("steps.state", org.hamcrest.Matchers.everyItem(equalTo("SUCCEEDED")))
                    .body("steps[7].facts.position", equalTo("0-2-42"));
        }
    }

    @Test
    void theFenceEndingAtWritableCarriesTheApplicationsSwitchAsTheCommandThePlannerSendsAfterIt() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.valid("writable-first"));

            executors.answer(planId, command -> StepEvent.succeeded(command,
                    command.type() == StepType.CAPTURE_POSITION ? Map.of(StepParams.FACT_POSITION, "0-2-42") : Map.of(),
                    Clock.systemUTC()), () -> status(planId).equals("COMPLETED"), TIMEOUT);

            List<StepCommand> envelopes = executors.envelopes();
            StepCommand flip = envelopes.stream().filter(c -> c.type() == StepType.FENCE && FenceSteps.of(c).stream()
                    .anyMatch(step -> step.type() == StepType.WRITABLE)).findFirst().orElseThrow();
            StepCommand switches = envelopes.stream().filter(c -> c.type() == StepType.DNS_SWITCHES).findFirst().orElseThrow();
            StepCommand then = FollowUp.of(flip).orElseThrow();
            assertThat(then.commandId()).as("the planner's own DNS_SWITCHES, sent after WRITABLE's event").isEqualTo(switches.commandId());
            assertThat(then.type()).isEqualTo(StepType.DNS_SWITCHES);
            assertThat(FenceSteps.of(then)).isEqualTo(FenceSteps.of(switches));
            assertThat(then.fencingEpoch()).isEqualTo(switches.fencingEpoch());
            assertThat(envelopes).filteredOn(c -> c != flip).allSatisfy(c -> assertThat(FollowUp.of(c)).isEmpty());
        }
    }

    @Test
    void aFailureBeforeTheDnsSwitchRollsBackAndEndsRolledBackWithTheReason() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.valid("dns-first"));

            List<StepCommand> commands = executors.answer(planId, command -> command.type() == StepType.WAIT_SYNC
                    ? StepEvent.failed(command, Failure.terminal("B did not reach 0-1-99 within 30000 ms",
                            "A read-only, B replicating"), Map.of(), Clock.systemUTC())
                    : StepEvent.succeeded(command, Map.of(), Clock.systemUTC()),
                    () -> status(planId).equals("ROLLED_BACK"), TIMEOUT);

            assertThat(commands).extracting(StepCommand::type).endsWith(StepType.WAIT_SYNC, StepType.ROLLBACK)
                    .doesNotContain(StepType.SWITCH_DNS, StepType.WRITABLE);
            assertThat(commands.get(commands.size() - 1).params()).containsEntry(StepParams.CLUSTER, "source")
                    .containsEntry(StepParams.TARGET_CLUSTER, "target");
            given().get("/plans/" + planId).then()
                    .body("status", equalTo("ROLLED_BACK"))
                    .body("reason", equalTo("06-wait-sync-target failed: B did not reach 0-1-99 within 30000 ms"))
                    .body("rollback.state", equalTo("SUCCEEDED"));
        }
    }

    @Test
    void aRollbackThatCannotReachAServerIsRetriedLongerThanAFlipStepAndEndsRolledBack() throws Exception {
        int flipAttempts = 3; // handoff.planner.flip-retries (2) + 1: what a rollback had before
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.valid("dns-first"));
            int[] rollbacks = {0};

            executors.answer(planId, command -> switch (command.type()) {
                case WAIT_SYNC -> StepEvent.failed(command, Failure.terminal("B did not reach 0-1-99 within 30000 ms",
                        "A read-only, B replicating"), Map.of(), Clock.systemUTC());
                case ROLLBACK -> ++rollbacks[0] <= flipAttempts + 1
                        ? StepEvent.failed(command, Failure.transientFailure("cannot connect to target: Connection refused",
                                "A read-only, B unreachable"), Map.of(), Clock.systemUTC())
                        : StepEvent.succeeded(command, Map.of(), Clock.systemUTC());
                default -> StepEvent.succeeded(command, Map.of(), Clock.systemUTC());
            }, () -> List.of("ROLLED_BACK", "FAILED").contains(status(planId)), TIMEOUT);

            given().get("/plans/" + planId).then().body("status", equalTo("ROLLED_BACK"))
                    .body("rollback.state", equalTo("SUCCEEDED"))
                    .body("rollback.attempt", equalTo(flipAttempts + 2));
        }
    }

    @Test
    void aStepAfterTheNewMasterIsWritableRidesOutALongerOutageThanAStepThatBlocksWrites() throws Exception {
        int flipAttempts = 3; // handoff.planner.flip-retries (2) + 1
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.valid("writable-first"));
            int[] reversals = {0};

            executors.answer(planId, command -> command.type() == StepType.REVERSE_REPLICATION && ++reversals[0] <= flipAttempts
                    ? StepEvent.failed(command, Failure.transientFailure("cannot connect to source: Connection refused",
                            "B writable, A read-only, not replicating"), Map.of(), Clock.systemUTC())
                    : succeedReportingDnsValues(command), () -> List.of("COMPLETED", "FAILED").contains(status(planId)), TIMEOUT);

            given().get("/plans/" + planId).then().body("status", equalTo("COMPLETED"));
            assertThat(reversals[0]).isEqualTo(flipAttempts + 1);
        }
    }

    @Test
    void aSecondPlanOnABusyClusterIsRefusedWith409() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.valid(null));

            given().contentType(ContentType.JSON).body(Json.toJson(Plans.valid(null))).post("/plans")
                    .then().statusCode(409).contentType("application/problem+json").body("title", equalTo("Cluster busy"));

            executors.answer(planId, PlanResourceTest::failThenRollBack, () -> status(planId).equals("ROLLED_BACK"), TIMEOUT);
        }
    }

    @Test
    void aPlanInYamlIsAccepted() throws Exception {
        String yaml = """
                name: yaml-plan
                source: source
                target: target
                flip: { order: dns-first, syncTimeout: 10s, exemptUsers: [auth] }
                applications:
                  - name: storefront
                    records:
                      - { zone: internal.example., name: db.storefront.internal.example., type: A, ttl: 1, source: 127.0.0.2, target: 127.0.0.3 }
                """;
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = given().contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/plans")
                    .then().statusCode(201).body("order", equalTo("dns-first")).extract().path("id");
            executors.answer(planId, PlanResourceTest::failThenRollBack, () -> status(planId).equals("ROLLED_BACK"), TIMEOUT);
            given().get("/plans").then().body("name", hasItem("yaml-plan"));
        }
    }

    @Test
    void aDryRunListsTheCompiledStepsAndStartsNothing() {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            PlanRequest plan = new PlanRequest("dry-run-only", "source", "target", Plans.valid(null).flip(), null, null,
                    Plans.valid(null).applications());

            given().contentType(ContentType.JSON).body(Json.toJson(plan)).post("/plans?dryRun=true")
                    .then().statusCode(200)
                    .body("valid", equalTo(true))
                    .body("steps.stepId", org.hamcrest.Matchers.hasItems("01-flush-tables-source", "10-switch-dns-storefront"))
                    .body("steps.state", org.hamcrest.Matchers.everyItem(equalTo("PENDING")))
                    .body("rollback.type", equalTo("ROLLBACK"));
            refused("{\"name\":\"p\",\"source\":\"nowhere\"}?dryRun", "source");

            assertThat(executors.commandsSeen(Duration.ofSeconds(1))).isZero();
            given().get("/plans").then().body("name", org.hamcrest.Matchers.not(hasItem("dry-run-only")));
        }
    }

    @Test
    void aCompletedFlipFlipsBackToTheReplacedDnsValuesUntilThePointOfNoReturn() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String flip = submit(Plans.valid("writable-first"));
            executors.answer(flip, PlanResourceTest::succeedReportingDnsValues, () -> status(flip).equals("COMPLETED"), TIMEOUT);

            String back = given().post("/plans/" + flip + "/flip-back").then().statusCode(201)
                    .body("flipBackOf", equalTo(flip)).body("source", equalTo("target")).body("target", equalTo("source"))
                    .extract().path("id");
            List<StepCommand> commands = executors.answer(back, PlanResourceTest::succeedReportingDnsValues,
                    () -> status(back).equals("COMPLETED"), TIMEOUT);

            assertThat(commands.get(1).params()).containsEntry(StepParams.CLUSTER, "target");
            assertThat(commands).filteredOn(c -> c.type() == StepType.SWITCH_DNS).isEmpty();
            assertThat(commands).filteredOn(c -> c.type() == StepType.FLIP_BACK).first()
                    .satisfies(c -> assertThat(c.params()).containsEntry(StepParams.APPLICATION, "storefront")
                            .containsEntry(StepParams.SWITCH_FACTS, Map.of(
                                    StepParams.FACT_OLD_VALUES, Map.of("db.storefront.internal.example.", "127.0.0.2"),
                                    StepParams.FACT_NEW_VALUES, Map.of("db.storefront.internal.example.", "127.0.0.3"))));
            given().get("/plans/" + flip).then().body("flippedBackBy", equalTo(back));
            given().post("/plans/" + flip + "/flip-back").then().statusCode(409);

            given().post("/plans/" + back + "/point-of-no-return").then().statusCode(202);
            List<StepCommand> ponr = executors.answer(back, PlanResourceTest::succeedReportingDnsValues,
                    () -> given().get("/plans/" + back).then().extract().path("pointOfNoReturnAt") != null, TIMEOUT);
            assertThat(ponr.get(ponr.size() - 1).type()).isEqualTo(StepType.RESET_REPLICA);
            assertThat(ponr.get(ponr.size() - 1).params()).isEqualTo(Map.of(StepParams.CLUSTER, "target"));
            given().post("/plans/" + back + "/flip-back").then().statusCode(409).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("point of no return"));
        }
    }

    @Test
    void theFlipWaitsAtTheLagGateWithoutFencingWritesAndGoesOnOnceLagFalls() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            PlanRequest valid = Plans.valid(null);
            String planId = submit(new PlanRequest("gated", "source", "target", valid.flip(),
                    new PlanRequest.Gates(500, "1m"), null, valid.applications()));

            executors.answer(planId, command -> {
                if (command.type() == StepType.START_MONITOR) {
                    publishLagQuietly(executors, planId, 5_000);
                }
                return StepEvent.succeeded(command, Map.of(), Clock.systemUTC());
            }, () -> "WAITING".equals(stepState(planId, 2)), TIMEOUT);

            assertThat(executors.received()).extracting(StepCommand::type)
                    .containsExactly(StepType.START_MONITOR, StepType.FLUSH_TABLES);
            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/plans/" + planId).then()
                    .body("steps[2].stepId", equalTo("03-read-only-source"))
                    .body("steps[2].state", equalTo("WAITING"))
                    .body("steps[2].facts.waitingFor", equalTo("lag 5000 ms is above 500 ms")));
            assertThat(executors.commandsSeen(Duration.ofMillis(500))).as("nothing fenced while lag is high").isZero();

            executors.publishLag(planId, 120);
            List<StepCommand> rest = executors.answer(planId, PlanResourceTest::succeedReportingDnsValues,
                    () -> status(planId).equals("COMPLETED"), TIMEOUT);
            assertThat(rest.get(0).type()).isEqualTo(StepType.READ_ONLY);
            assertThat(rest.get(0).params()).containsEntry(StepParams.CLUSTER, "source");
        }
    }

    private static void publishLagQuietly(ExecutorStandIn executors, String planId, long lagMillis) {
        try {
            executors.publishLag(planId, lagMillis);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stepState(String planId, int index) {
        return given().get("/plans/" + planId).then().extract().path("steps[" + index + "].state");
    }

    @Test
    void aPlansEventsStreamAsServerSentEventsWhileItRuns() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.valid(null));
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/plans/" + planId + "/events"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString("test-viewer:test-viewer-password".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Accept", "text/event-stream").build();
            java.util.concurrent.CompletableFuture<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines()).thenApply(java.net.http.HttpResponse::body);
            java.util.concurrent.CompletableFuture<List<String>> untilCompleted = stream.thenApplyAsync(lines -> {
                List<String> seen = new java.util.ArrayList<>();
                java.util.Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    seen.add(line);
                    if (line.contains("\"COMPLETED\"")) {
                        break;
                    }
                }
                return seen;
            });
            await().atMost(TIMEOUT).until(stream::isDone);

            executors.answer(planId, PlanResourceTest::succeedReportingDnsValues, () -> status(planId).equals("COMPLETED"), TIMEOUT);

            List<String> events = untilCompleted.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(events).anyMatch(line -> line.startsWith("data:") && line.contains("\"STEP_CONFIRMED\"")
                    && line.contains(planId));
            assertThat(events).anyMatch(line -> line.contains("\"COMPLETED\""));
        }
    }

    @Test
    void aPausedPlanSendsNoFurtherStepUntilResumed() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.valid(null));
            given().post("/plans/" + planId + "/pause").then().statusCode(202).body("status", equalTo("PAUSED"));

            executors.answer(planId, PlanResourceTest::succeedReportingDnsValues,
                    () -> "SUCCEEDED".equals(stepState(planId, 0)), TIMEOUT);

            assertThat(executors.received()).extracting(StepCommand::type).containsExactly(StepType.FLUSH_TABLES);
            assertThat(executors.commandsSeen(Duration.ofSeconds(1))).as("nothing sent while paused").isZero();
            given().get("/plans/" + planId).then().body("status", equalTo("PAUSED")).body("steps[1].state", equalTo("PENDING"));

            given().post("/plans/" + planId + "/resume").then().statusCode(202);
            executors.answer(planId, PlanResourceTest::succeedReportingDnsValues, () -> status(planId).equals("COMPLETED"), TIMEOUT);
            given().post("/plans/" + planId + "/abort").then().statusCode(409);
        }
    }

    @Test
    void anAbortBeforeAnythingIsFencedEndsAbortedWithNothingToUndo() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.valid(null));
            given().post("/plans/" + planId + "/abort").then().statusCode(202);

            List<StepCommand> commands = executors.answer(planId, PlanResourceTest::succeedReportingDnsValues,
                    () -> status(planId).equals("ABORTED"), TIMEOUT);

            assertThat(commands).extracting(StepCommand::type).containsExactly(StepType.FLUSH_TABLES);
            given().get("/plans/" + planId).then().body("reason", org.hamcrest.Matchers.startsWith("aborted by test-operator"));
        }
    }

    @Test
    void anAbortWhileTheFenceThatCarriesTheApplicationsSwitchRunsIsRefusedAndTheFlipCompletes() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.valid(null));

            List<StepCommand> commands = executors.answer(planId, command -> {
                if (command.type() == StepType.READ_ONLY && command.stepId().endsWith("-source")) {
                    // cutover-service would switch the applications the moment the new master is writable: no rollback.
                    given().post("/plans/" + planId + "/abort").then().statusCode(409).contentType("application/problem+json")
                            .body("detail", org.hamcrest.Matchers.containsString("cannot be aborted, flip it back"));
                }
                return succeedReportingDnsValues(command);
            }, () -> status(planId).equals("COMPLETED"), TIMEOUT);

            assertThat(commands).extracting(StepCommand::type).contains(StepType.WRITABLE, StepType.SWITCH_DNS)
                    .doesNotContain(StepType.ROLLBACK);
        }
    }

    @Test
    void theFlipWaitsForTheOperatorsApprovalBeforeFencingWrites() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            PlanRequest valid = Plans.valid(null);
            String planId = submit(new PlanRequest("approved", "source", "target", valid.flip(), null, List.of("flip"),
                    valid.applications()));

            executors.answer(planId, PlanResourceTest::succeedReportingDnsValues,
                    () -> "WAITING".equals(stepState(planId, 1)), TIMEOUT);
            given().get("/plans/" + planId).then().body("steps[1].facts.waitingFor", equalTo("waiting for the operator's approval 'flip'"));
            assertThat(executors.commandsSeen(Duration.ofMillis(500))).as("nothing fenced before approval").isZero();
            given().post("/plans/" + planId + "/approvals/dns").then().statusCode(409);

            given().post("/plans/" + planId + "/approvals/flip").then().statusCode(202).body("approvals", hasItem("flip"));
            List<StepCommand> rest = executors.answer(planId, PlanResourceTest::succeedReportingDnsValues,
                    () -> status(planId).equals("COMPLETED"), TIMEOUT);
            assertThat(rest.get(0).type()).isEqualTo(StepType.READ_ONLY);
        }
    }

    @Test
    void aMaintenanceWindowThatHasClosedEndsThePlanBeforeAnythingIsFenced() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            PlanRequest valid = Plans.valid(null);
            java.time.Instant now = java.time.Instant.now();
            String planId = submit(new PlanRequest("too-late", "source", "target",
                    new PlanRequest.Flip(null, null, null, null, null,
                            new PlanRequest.Window(now.minusSeconds(3600).toString(), now.minusSeconds(60).toString()), null),
                    null, null, valid.applications()));

            List<StepCommand> commands = executors.answer(planId, PlanResourceTest::succeedReportingDnsValues,
                    () -> status(planId).equals("ABORTED"), TIMEOUT);

            assertThat(commands).extracting(StepCommand::type).containsExactly(StepType.FLUSH_TABLES);
            given().get("/plans/" + planId).then().body("reason", org.hamcrest.Matchers.containsString("maintenance window closed"));
        }
    }

    @Test
    void readOnlyWaitsForTheMaintenanceWindowToOpen() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            PlanRequest valid = Plans.valid(null);
            java.time.Instant opens = java.time.Instant.now().plusSeconds(3);
            String planId = submit(new PlanRequest("later", "source", "target",
                    new PlanRequest.Flip(null, null, null, null, null, new PlanRequest.Window(opens.toString(), null), null),
                    null, null, valid.applications()));

            List<StepCommand> commands = executors.answer(planId, PlanResourceTest::succeedReportingDnsValues,
                    () -> status(planId).equals("COMPLETED"), TIMEOUT);

            assertThat(commands.get(1).type()).isEqualTo(StepType.READ_ONLY);
            assertThat(commands.get(1).occurredAt()).isAfterOrEqualTo(opens);
        }
    }

    @Test
    void aRetryableFailureIsTriedAgainAsANewAttemptAndEveryCommandCarriesThePlansEpochAndStrategies() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            PlanRequest valid = Plans.valid(null);
            String planId = submit(new PlanRequest("retried", "source", "target",
                    new PlanRequest.Flip(null, "account-lock", "rds-kill", List.of("auth"), null, null, null), null, null,
                    valid.applications()));

            List<StepCommand> commands = executors.answer(planId, command -> command.attempt() == 1
                    && command.type() == StepType.FLUSH_TABLES
                    ? StepEvent.failed(command, Failure.transientFailure("lock wait timeout", "nothing changed"), Map.of(),
                            Clock.systemUTC())
                    : succeedReportingDnsValues(command), () -> status(planId).equals("COMPLETED"), TIMEOUT);

            assertThat(commands.subList(0, 3)).extracting(StepCommand::type, StepCommand::attempt).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(StepType.FLUSH_TABLES, 1), org.assertj.core.groups.Tuple.tuple(StepType.FLUSH_TABLES, 2),
                    org.assertj.core.groups.Tuple.tuple(StepType.READ_ONLY, 1));
            assertThat(commands.get(1).commandId()).isNotEqualTo(commands.get(0).commandId());
            int epoch = given().get("/plans/" + planId).then().body("steps[0].attempt", equalTo(2))
                    .body("steps[0].state", equalTo("SUCCEEDED")).extract().path("fencingEpoch");
            assertThat(epoch).isPositive();
            assertThat(commands).extracting(StepCommand::fencingEpoch).containsOnly((long) epoch);
            assertThat(commands).filteredOn(c -> c.type() == StepType.READ_ONLY || c.type() == StepType.KILL_CONNECTIONS
                    || c.type() == StepType.WRITABLE).hasSize(4).allSatisfy(c -> assertThat(c.params())
                    .containsEntry(StepParams.STRATEGIES, Map.of(StepParams.STRATEGY_READ_ONLY, "account-lock",
                            StepParams.STRATEGY_KILL, "rds-kill")));

            String next = submit(Plans.valid(null));
            given().get("/plans/" + next).then().body("fencingEpoch", equalTo(epoch + 1));
            executors.answer(next, PlanResourceTest::failThenRollBack, () -> status(next).equals("ROLLED_BACK"), TIMEOUT);
        }
    }

    @Test
    void flipBackOfAnUnknownPlanIs404() {
        given().post("/plans/no-such-plan/flip-back").then().statusCode(404).contentType("application/problem+json");
    }

    /** Confirms every step; SWITCH_DNS reports the values it replaced, as the DNS service does. */
    private static StepEvent succeedReportingDnsValues(StepCommand command) {
        if (command.type() != StepType.SWITCH_DNS) {
            // FLIP_BACK and the SQL steps: a plain confirmation.
            return StepEvent.succeeded(command, command.type() == StepType.CAPTURE_POSITION
                    ? Map.of(StepParams.FACT_POSITION, "0-2-7") : Map.of(), Clock.systemUTC());
        }
        Map<String, Object> oldValues = new java.util.LinkedHashMap<>();
        Map<String, Object> newValues = new java.util.LinkedHashMap<>();
        for (Object entry : (List<?>) command.params().get(StepParams.RECORDS)) {
            Map<?, ?> record = (Map<?, ?>) entry;
            oldValues.put(record.get("name").toString(), record.get("previousValue"));
            newValues.put(record.get("name").toString(), record.get("value"));
        }
        return StepEvent.succeeded(command, Map.of(StepParams.FACT_OLD_VALUES, oldValues, StepParams.FACT_NEW_VALUES, newValues),
                Clock.systemUTC());
    }

    /** Fails every step but the rollback, so the plan ends ROLLED_BACK at once. */
    private static StepEvent failThenRollBack(StepCommand command) {
        return command.type() == StepType.ROLLBACK ? StepEvent.succeeded(command, Map.of(), Clock.systemUTC())
                : StepEvent.failed(command, Failure.terminal("stop here", "nothing changed"), Map.of(), Clock.systemUTC());
    }

    private static void refused(String body, String field) {
        String path = body.endsWith("?dryRun") ? "/plans?dryRun=true" : "/plans";
        given().contentType(ContentType.JSON).body(body.replace("?dryRun", "")).post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    private static String submit(PlanRequest plan) {
        return given().contentType(ContentType.JSON).body(Json.toJson(plan)).post("/plans")
                .then().statusCode(201).body("status", equalTo("RUNNING")).extract().path("id");
    }

    private static String status(String planId) {
        return given().get("/plans/" + planId).then().extract().path("status");
    }
}
