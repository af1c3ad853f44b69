package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.event.StepParams;
import io.handoff.demo.DrillRig.Flip;
import io.handoff.route53emu.Route53Emulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault drills (issue 9): the four services as packaged processes on the real local stack, two
 * applications writing through DNS all the time, and in the middle of each flip one fault: a service
 * killed with SIGKILL and started again (each service in turn), the Kafka broker stopped for ten
 * seconds, and killed with SIGKILL and started again on its logs ten seconds later, Route 53 throttling the DNS
 * switch's first ten API calls, or answering its first six with 503 ServiceUnavailable (each retried with backoff).
 * Each drill must end COMPLETED, and after
 * it docs/DESIGN.md's invariants hold: no acknowledged write lost, no write acknowledged by the old master
 * after it was fenced, exactly one writable server (and never two at any sampled moment during the
 * drill), DNS answering with the master's address, and the other server replicating from it.
 *
 * <p>The "middle" is chosen deterministically: the new master's SQL thread is held (STOP SLAVE
 * SQL_THREAD) so that WAIT_SYNC stays in flight, with the old master fenced, until the drill has injected
 * its fault; the DNS drill lengthens the emulator's PENDING time and kills dns-service once the change
 * batch reached it; the monitor drill (a plan with a lag gate) does the same and kills the monitor while
 * SWITCH_DNS waits, after its gate passed and before STOP_MONITOR; the throttling is queued before the
 * plan, and no step before SWITCH_DNS calls the Route 53 API. Killing the monitor while the lag gate holds
 * READ_ONLY is {@link MonitorRestartAtLagGateIT}. The drills
 * flip from whichever server is master to the other, so each starts from the healthy pair the previous
 * one left; they alternate the writable-first and dns-first orders.
 *
 * <p>The executors consume their commands in consumer groups with Kafka's default session timeout
 * (45 s): an executor killed with SIGKILL and started again gets its partitions back only once the dead
 * member's session expired, so writes stay blocked that long in the cutover and DNS drills (see
 * target/fault-drills.txt for the figures of a run).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillIT {
    private static final int THROTTLED_CALLS = 10;
    /** A burst of server errors shorter than the SDK's retries of one call over the switch's calls. */
    private static final int FAILED_CALLS = 6;

    private static DrillRig rig;

    @BeforeAll
    static void startEverything() throws Exception {
        rig = DrillRig.start("fault-drills");
    }

    @AfterEach
    void leaveAHealthyStack() throws Exception {
        rig.cleanUp();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    @Order(1)
    void plannerKilledWhileWaitSyncIsInFlightReplaysItsPlanAndCompletesTheFlip() throws Exception {
        Instant began = Instant.now();
        Flip flip = rig.nextFlip();
        try (WritableMastersWatch watch = rig.watch()) {
            rig.hold(flip.to());
            String planId = rig.submit(flip, "writable-first");
            rig.awaitStep(planId, "WAIT_SYNC", Set.of("RUNNING"));

            assertThat(service(HandoffService.PLANNER).kill()).as("exit status of kill -9").isEqualTo(137);
            rig.release(flip.to());
            // WAIT_SYNC now finishes on the server, and cutover-service runs the rest of its FENCE command, while no
            // planner runs: their confirmations land on the topic.
            await("new master caught up").atMost(Duration.ofSeconds(30)).until(() -> rig.pair().appliedWhatItReceived(flip.to()));
            service(HandoffService.PLANNER).restart(DrillRig.READY);

            rig.assertDrillCompleted("kill -9 planner-service during WAIT_SYNC", planId, flip, watch, began);
        }
    }

    @Test
    @Order(2)
    void cutoverServiceKilledDuringWaitSyncRunsTheRedeliveredCommandAndCompletesTheFlip() throws Exception {
        Instant began = Instant.now();
        Flip flip = rig.nextFlip();
        try (WritableMastersWatch watch = rig.watch()) {
            rig.hold(flip.to());
            String planId = rig.submit(flip, "dns-first");
            rig.awaitStep(planId, "WAIT_SYNC", Set.of("RUNNING"));

            assertThat(service(HandoffService.CUTOVER).kill()).as("exit status of kill -9").isEqualTo(137);
            rig.release(flip.to());
            service(HandoffService.CUTOVER).restart(DrillRig.READY);

            rig.assertDrillCompleted("kill -9 cutover-service during WAIT_SYNC", planId, flip, watch, began);
        }
    }

    @Test
    @Order(3)
    void dnsServiceKilledWhileItsChangeIsPendingConvergesAfterRestartAndCompletesTheFlip() throws Exception {
        Instant began = Instant.now();
        Flip flip = rig.nextFlip();
        Route53Emulator route53 = rig.stack().route53();
        try (WritableMastersWatch watch = rig.watch()) {
            long changes = changeBatches(route53);
            Duration insync = route53.insyncDelay();
            route53.setInsyncDelay(Duration.ofSeconds(10));
            String planId = rig.submit(flip, "dns-first");
            rig.awaitStep(planId, "SWITCH_DNS", Set.of("RUNNING"));
            await("the first change batch reached Route 53").atMost(Duration.ofSeconds(30))
                    .until(() -> changeBatches(route53) > changes);

            assertThat(service(HandoffService.DNS).kill()).as("exit status of kill -9").isEqualTo(137);
            route53.setInsyncDelay(insync);
            service(HandoffService.DNS).restart(DrillRig.READY);

            rig.assertDrillCompleted("kill -9 dns-service while its change is PENDING", planId, flip, watch, began);
        }
    }

    @Test
    @Order(4)
    void replicationMonitorKilledAfterTheLagGateStopsCleanlyAfterRestartAndTheFlipCompletes() throws Exception {
        Instant began = Instant.now();
        Flip flip = rig.nextFlip();
        Route53Emulator route53 = rig.stack().route53();
        try (WritableMastersWatch watch = rig.watch()) {
            // The monitor runs from START_MONITOR to STOP_MONITOR, the plan's last step; SWITCH_DNS is held
            // PENDING for a while so that the kill lands while it still samples.
            Duration insync = route53.insyncDelay();
            route53.setInsyncDelay(Duration.ofSeconds(5));
            String planId = rig.submit(flip, "writable-first", Map.of("maxLagMs", 1000), List.of());
            rig.awaitStep(planId, "START_MONITOR", Set.of("SUCCEEDED"));
            rig.awaitStep(planId, "SWITCH_DNS", Set.of("RUNNING"));

            assertThat(service(HandoffService.REPLICATION_MONITOR).kill()).as("exit status of kill -9").isEqualTo(137);
            route53.setInsyncDelay(insync);
            service(HandoffService.REPLICATION_MONITOR).restart(DrillRig.READY);

            FlipOutcome outcome = rig.assertDrillCompleted("kill -9 replication-monitor after the lag gate passed", planId,
                    flip, watch, began);
            assertThat(outcome.stepDurationsMs()).as("steps confirmed").containsKey(lastStepId(planId, "STOP_MONITOR"));
        }
    }

    @Test
    @Order(5)
    void kafkaBrokerStoppedForTenSecondsMidFlipDelaysTheFlipWithoutBreakingIt() throws Exception {
        brokerDownForTenSecondsDuringWaitSync("Kafka broker stopped for 10 s during WAIT_SYNC", () -> rig.stack().kafka().stop());
    }

    @Test
    @Order(7)
    void kafkaBrokerKilledWithSigkillMidFlipRecoversItsLogsAndTheFlipCompletes() throws Exception {
        brokerDownForTenSecondsDuringWaitSync("Kafka broker killed (SIGKILL) during WAIT_SYNC, restarted after 10 s",
                () -> rig.stack().kafka().kill());
    }

    /**
     * The broker goes down ({@code down}: a controlled stop or a SIGKILL) while WAIT_SYNC runs with the old master
     * fenced, stays down at least 10 s while the new master catches up, and starts again on its logs.
     */
    private static void brokerDownForTenSecondsDuringWaitSync(String drill, Runnable down) throws Exception {
        Instant began = Instant.now();
        Flip flip = rig.nextFlip();
        try (WritableMastersWatch watch = rig.watch()) {
            rig.hold(flip.to());
            String planId = rig.submit(flip, "writable-first");
            rig.awaitStep(planId, "WAIT_SYNC", Set.of("RUNNING"));

            down.run();
            try {
                rig.release(flip.to());
                await("new master caught up, broker down 10 s").pollDelay(Duration.ofSeconds(10))
                        .atMost(Duration.ofSeconds(40)).until(() -> rig.pair().appliedWhatItReceived(flip.to()));
            } finally {
                rig.stack().kafka().start();
            }

            rig.assertDrillCompleted(drill, planId, flip, watch, began);
        }
    }

    @Test
    @Order(6)
    void route53ThrottlingTheDnsSwitchHardIsRetriedAndTheFlipCompletes() throws Exception {
        Route53Emulator route53 = rig.stack().route53();
        route53FaultDuringTheSwitch("Route 53 throttling the next " + THROTTLED_CALLS + " API calls during SWITCH_DNS",
                () -> route53.throttleNextCalls(THROTTLED_CALLS), route53::throttledCalls, THROTTLED_CALLS);
    }

    @Test
    @Order(8)
    void route53AnsweringABurstOf503sDuringTheDnsSwitchIsRetriedAndTheFlipCompletes() throws Exception {
        Route53Emulator route53 = rig.stack().route53();
        route53FaultDuringTheSwitch("Route 53 answering 503 ServiceUnavailable to the next " + FAILED_CALLS
                + " API calls during SWITCH_DNS", () -> route53.failNextCalls(FAILED_CALLS, "ServiceUnavailable"),
                route53::failedCalls, FAILED_CALLS);
    }

    /**
     * Queues {@code fault} for the next {@code calls} Route 53 API calls and runs a dns-first flip without lowering TTLs
     * (so no step before SWITCH_DNS calls the API, and they are the switch's first calls): it must complete, with exactly
     * those calls faulted ({@code faulted} counts them on the emulator) and at least as many SDK retries reported by
     * SWITCH_DNS.
     */
    private static void route53FaultDuringTheSwitch(String drill, Runnable fault, LongSupplier faulted, int calls)
            throws Exception {
        Instant began = Instant.now();
        Flip flip = rig.nextFlip();
        try (WritableMastersWatch watch = rig.watch()) {
            long faultedBefore = faulted.getAsLong();
            fault.run();
            String planId = rig.submitWithoutLoweringTtls(flip, "dns-first");

            FlipOutcome outcome = rig.assertDrillCompleted(drill, planId, flip, watch, began);
            assertThat(faulted.getAsLong() - faultedBefore).isEqualTo(calls);
            assertThat(sdkRetries(rig.services().planner().get(outcome.planId()))).as("SWITCH_DNS's SDK retries")
                    .isGreaterThanOrEqualTo(calls);
        }
    }

    private static ServiceProcess service(HandoffService service) {
        return rig.services().get(service);
    }

    private static long changeBatches(Route53Emulator route53) {
        return route53.callsByOperation().getOrDefault("ChangeResourceRecordSets", 0L);
    }

    private static String lastStepId(String planId, String type) {
        JsonNode last = null;
        for (JsonNode step : rig.services().planner().get(planId).path("steps")) {
            if (type.equals(step.path("type").asText())) {
                last = step;
            }
        }
        return last == null ? "(no " + type + " step)" : last.path("stepId").asText();
    }

    private static long sdkRetries(JsonNode plan) {
        long retries = 0;
        for (JsonNode step : plan.path("steps")) {
            if ("SWITCH_DNS".equals(step.path("type").asText())) {
                retries += step.path("facts").path(StepParams.FACT_SDK_RETRIES).asLong();
            }
        }
        return retries;
    }
}
