package io.handoff.planner.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The after phase (issue 7) on the planner over the real broker, the executors stood in for by the test:
 * the plan waits for the point of no return after the flip, can be flipped back until then, and after it
 * ends reverse replication and decommissions the old master.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class AfterPhaseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int POINT_OF_NO_RETURN = 14;

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
    void theApprovedPointOfNoReturnEndsReverseReplicationThenDecommissionsTheSourceAndFlipBackIsRefused() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = submit(Plans.retiring("retire-after-approval"));
            List<StepCommand> flip = executors.answer(planId, AfterPhaseTest::succeed,
                    () -> "WAITING".equals(stepState(planId, POINT_OF_NO_RETURN)), TIMEOUT);

            assertThat(flip).hasSize(14).extracting(StepCommand::type).endsWith(StepType.RESET_REPLICA)
                    .doesNotContain(StepType.DECOMMISSION);
            given().get("/plans/" + planId).then()
                    .body("status", equalTo("RUNNING"))
                    .body("phases", equalTo(List.of("flip", "after")))
                    .body("steps[14].stepId", equalTo("15-point-of-no-return-source"))
                    .body("steps[14].phase", equalTo("after"))
                    .body("steps[14].facts.waitingFor", equalTo("waiting for the operator's approval 'point-of-no-return'"))
                    .body("steps[15].type", equalTo("DECOMMISSION"))
                    .body("steps[15].state", equalTo("PENDING"));
            assertThat(executors.commandsSeen(Duration.ofSeconds(1))).as("nothing sent before the approval").isZero();

            given().post("/plans/" + planId + "/approvals/point-of-no-return").then().statusCode(202);
            List<StepCommand> after = executors.answer(planId, AfterPhaseTest::succeed,
                    () -> "COMPLETED".equals(status(planId)), TIMEOUT);

            assertThat(after).extracting(StepCommand::type).containsExactly(StepType.RESET_REPLICA, StepType.DECOMMISSION);
            assertThat(after.get(1).params()).containsEntry(StepParams.CLUSTER, "source")
                    .containsKey(StepParams.STRATEGIES).containsEntry(StepParams.EXEMPT_USERS, List.of("auth"));
            given().get("/plans/" + planId).then()
                    .body("steps.state", org.hamcrest.Matchers.everyItem(equalTo("SUCCEEDED")))
                    .body("steps[15].facts.finalPosition", equalTo("0-1-99"))
                    .body("pointOfNoReturnAt", org.hamcrest.Matchers.notNullValue());
            given().post("/plans/" + planId + "/flip-back").then().statusCode(409)
                    .body("detail", containsString("point of no return"));
        }
    }

    @Test
    void beforeThePointOfNoReturnTheFlipCanBeFlippedBackAndThePointOfNoReturnEndpointGivesTheApproval() throws Exception {
        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String kept = submit(Plans.retiring("flipped-back-before-no-return"));
            executors.answer(kept, AfterPhaseTest::succeed, () -> "WAITING".equals(stepState(kept, POINT_OF_NO_RETURN)), TIMEOUT);

            String back = given().post("/plans/" + kept + "/flip-back").then().statusCode(201)
                    .body("flipBackOf", equalTo(kept)).extract().path("id");
            List<StepCommand> backCommands = executors.answer(back, AfterPhaseTest::succeed,
                    () -> "COMPLETED".equals(status(back)), TIMEOUT);
            assertThat(backCommands).extracting(StepCommand::type).contains(StepType.FLIP_BACK).doesNotContain(StepType.DECOMMISSION);
            given().get("/plans/" + kept).then()
                    .body("status", equalTo("COMPLETED"))
                    .body("reason", containsString("before the point of no return: the after phase did not run"))
                    .body("flippedBackBy", equalTo(back))
                    .body("steps[15].state", equalTo("PENDING"));

            String retired = submit(Plans.retiring("retired-through-point-of-no-return"));
            given().post("/plans/" + retired + "/point-of-no-return").then().statusCode(202);
            List<StepCommand> all = executors.answer(retired, AfterPhaseTest::succeed,
                    () -> "COMPLETED".equals(status(retired)), TIMEOUT);
            assertThat(all).hasSize(16).extracting(StepCommand::type).endsWith(StepType.RESET_REPLICA, StepType.DECOMMISSION);
        }
    }

    @Test
    void aDryRunShowsTheAfterPhase() {
        given().contentType(ContentType.JSON).body(Json.toJson(Plans.retiring("after-dry-run"))).post("/plans?dryRun=true")
                .then().statusCode(200)
                .body("phases", equalTo(List.of("flip", "after")))
                .body("steps.size()", equalTo(16))
                .body("steps[14].stepId", equalTo("15-point-of-no-return-source"))
                .body("steps[15].stepId", equalTo("16-decommission-source"))
                .body("steps[15].phase", equalTo("after"));
        given().get("/plans").then().body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("after-dry-run")));
    }

    private static StepEvent succeed(StepCommand command) {
        Map<String, Object> facts = switch (command.type()) {
            case CAPTURE_POSITION -> Map.of(StepParams.FACT_POSITION, "0-2-42");
            case SWITCH_DNS, FLIP_BACK -> Map.of(StepParams.FACT_OLD_VALUES, Map.of(), StepParams.FACT_NEW_VALUES, Map.of());
            case DECOMMISSION -> Map.of(StepParams.FACT_FINAL_POSITION, "0-1-99", StepParams.FACT_FENCED, true,
                    StepParams.FACT_REPLICATION_CONFIGURED, false);
            default -> Map.of();
        };
        return StepEvent.succeeded(command, facts, Clock.systemUTC());
    }

    private static String submit(Object plan) {
        return given().contentType(ContentType.JSON).body(Json.toJson(plan)).post("/plans")
                .then().statusCode(201).body("status", equalTo("RUNNING")).extract().path("id");
    }

    private static String stepState(String planId, int index) {
        return given().get("/plans/" + planId).then().extract().path("steps[" + index + "].state");
    }

    private static String status(String planId) {
        return given().get("/plans/" + planId).then().extract().path("status");
    }
}
