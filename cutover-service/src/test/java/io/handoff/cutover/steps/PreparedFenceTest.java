package io.handoff.cutover.steps;

import static io.handoff.cutover.support.Servers.A;
import static io.handoff.cutover.support.Servers.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.cutover.support.Workload;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fence as the planner sends it, one FENCE command, on the real servers while an application writes: the steps after
 * the old master's READ_ONLY are prepared before it (their reads done then) and run back to back after it, each still
 * reported by its own events with the facts a step run on its own reports, and the servers end as the flip needs them.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class PreparedFenceTest extends ReplicatedPairFixture {

    @Test
    void aPreparedFenceReportsEveryStepAndHandsTheWritesOverExactlyAtTheOldMastersFinalPosition() throws Exception {
        List<FenceSteps.Step> steps = List.of(
                step("2-READ_ONLY", StepType.READ_ONLY, Map.of(StepParams.CLUSTER, A, StepParams.TARGET_CLUSTER, B)),
                step("3-READ_ONLY", StepType.READ_ONLY, on(B)),
                step("4-KILL_CONNECTIONS", StepType.KILL_CONNECTIONS, Map.of(StepParams.CLUSTER, A, StepParams.EXEMPT_USERS, EXEMPT)),
                step("5-FLUSH_TABLES", StepType.FLUSH_TABLES, on(A)),
                step("6-WAIT_SYNC", StepType.WAIT_SYNC, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                        StepParams.TIMEOUT_MS, 30_000)),
                step("7-STOP_REPLICA", StepType.STOP_REPLICA, on(B)),
                step("8-CAPTURE_POSITION", StepType.CAPTURE_POSITION, on(B)),
                step("9-WRITABLE", StepType.WRITABLE, on(B)));
        StepCommand fence = StepCommand.issue(plan.id(), "2-READ_ONLY", StepType.FENCE,
                StepContracts.params(new StepParameters.Fence(steps)), 1,
                Instant.now().plus(Duration.ofMinutes(10)), plan.epoch(), Clock.systemUTC());
        List<StepEvent> outcomes = new ArrayList<>();
        servers.admin(servers.b(), "SET GLOBAL read_only = ON"); // as START_REPLICATION holds handoff's replicas
        Workload workload = new Workload(servers.a(), servers.app(), table);
        try (workload) {
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.acknowledged().size() >= 20);
            bus.send(fence);
            for (FenceSteps.Step step : steps) {
                outcomes.add(bus.outcome(StepCommand.commandIdFor(plan.id(), step.stepId(), 1)));
            }
        }

        assertThat(outcomes).extracting(StepEvent::kind).containsOnly(StepEventKind.SUCCEEDED);
        for (FenceSteps.Step step : steps) {
            assertThat(bus.eventsOf(StepCommand.commandIdFor(plan.id(), step.stepId(), 1))).as(step.stepId())
                    .extracting(StepEvent::kind).containsExactly(StepEventKind.STARTED, StepEventKind.SUCCEEDED);
        }
        Instant readOnlyA = Instant.parse((String) fact(outcomes.get(0), StepParams.FACT_CONFIRMED_AT));
        assertThat(Instant.parse((String) fact(outcomes.get(1), StepParams.FACT_CONFIRMED_AT)))
                .as("B was found read-only while the fence was prepared, before A's READ_ONLY").isBefore(readOnlyA);
        assertThat(fact(outcomes.get(1), StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
        assertThat(fact(outcomes.get(5), StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);
        assertThat(fact(outcomes.get(7), StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);

        // Measured on the servers: A fenced, B writable and no longer a replica, B took over at A's final position.
        String finalPosition = servers.binlogPosition(servers.a());
        assertThat(fact(outcomes.get(4), StepParams.FACT_POSITION)).isEqualTo(finalPosition);
        assertThat(fact(outcomes.get(6), StepParams.FACT_POSITION)).isEqualTo(finalPosition);
        assertThat(servers.readOnly(servers.a())).isTrue();
        assertThat(servers.readOnly(servers.b())).isFalse();
        assertThat(servers.replicatesFrom(servers.b(), servers.a())).isFalse();
        assertThat(workload.attempts()).filteredOn(attempt -> attempt.startedAt().isAfter(readOnlyA))
                .noneMatch(Workload.Attempt::acknowledged);
        Set<Long> onB = servers.ids(servers.b(), table, Workload.WHO);
        assertThat(onB).containsAll(workload.acknowledged()).isEqualTo(servers.ids(servers.a(), table, Workload.WHO));

        // A crash after WRITABLE, before the window's events reached the broker (nothing of the window is sent before
        // its end): another instance runs CAPTURE_POSITION again, a command this one never saw, on a B that took writes
        // since. The position is read on the old master, where B's stood before WRITABLE; without A named, it is refused.
        try (Workload onNewMaster = new Workload(servers.b(), servers.app(), table)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> onNewMaster.acknowledged().size() >= 5);
        }
        assertThat(servers.binlogPosition(servers.b())).as("B moved on").isNotEqualTo(finalPosition);
        StepEvent again = succeeds(StepType.CAPTURE_POSITION, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A));
        assertThat(fact(again, StepParams.FACT_POSITION)).isEqualTo(fact(outcomes.get(6), StepParams.FACT_POSITION));
        assertThat(fact(again, StepParams.FACT_POSITION_READ_ON)).isEqualTo(A);
        StepCommand withoutA = plan.command(StepType.CAPTURE_POSITION, on(B));
        bus.send(withoutA);
        assertThat(bus.outcome(withoutA.commandId()).kind()).isEqualTo(StepEventKind.FAILED);
    }

    private static FenceSteps.Step step(String stepId, StepType type, Map<String, Object> params) {
        return new FenceSteps.Step(stepId, StepContracts.decode(type, params), List.of(), 1);
    }
}
