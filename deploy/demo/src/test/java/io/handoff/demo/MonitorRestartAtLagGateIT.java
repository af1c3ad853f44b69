package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.demo.DrillRig.Flip;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault drill: a plan with a lag gate ({@code maxLagMs: 1000}) and the operator approval {@code flip},
 * so that READ_ONLY deterministically waits at its gate after START_MONITOR succeeded; the replication
 * monitor is killed with SIGKILL there and started again, then the operator approves. Only fresh lag
 * samples can open the gate now, so the flip completes only if the restarted monitor samples the plan's
 * lag again (docs/DESIGN.md invariant 6: a restarted service resumes where it was).
 *
 * <p>Regression test (issue 9, found by this drill): the restarted monitor used to keep its monitors in
 * memory only, its ledger answered a redelivered START_MONITOR as already done, and the planner never
 * re-issues a succeeded START_MONITOR, so the gate stayed closed until the plan ended ABORTED. The
 * monitor now resumes every plan still monitored from the step events (MonitorResumer).
 */
class MonitorRestartAtLagGateIT {
    /** The planner's freshness window for lag samples (2 s) plus a margin. */
    private static final Duration PRE_KILL_SAMPLES_STALE = Duration.ofSeconds(3);

    private static DrillRig rig;

    @BeforeAll
    static void startEverything() throws Exception {
        rig = DrillRig.start("monitor-restart-drill");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (rig != null) {
            try {
                rig.cleanUp();
            } finally {
                rig.close();
            }
        }
    }

    @Test
    void replicationMonitorKilledWhileTheLagGateHoldsReadOnlyResumesSamplingAndTheFlipCompletes() throws Exception {
        Instant began = Instant.now();
        Flip flip = rig.nextFlip();
        try (WritableMastersWatch watch = rig.watch()) {
            String planId = rig.submit(flip, "writable-first", Map.of("maxLagMs", 1000, "lagWaitTimeout", "60s"),
                    List.of("flip"));
            rig.awaitStep(planId, "START_MONITOR", Set.of("SUCCEEDED"));
            rig.awaitStep(planId, "READ_ONLY", Set.of("WAITING"));

            ServiceProcess monitor = rig.services().get(HandoffService.REPLICATION_MONITOR);
            assertThat(monitor.kill()).as("exit status of kill -9").isEqualTo(137);
            Instant killed = Instant.now();
            monitor.restart(DrillRig.READY);
            // The planner takes a lag sample as fresh for 2 s (GateCheck.FRESH): approve only once every sample
            // taken before the kill is older than that, so that only a sample of the restarted monitor can open the gate.
            await("samples from before the kill are stale").atMost(Duration.ofSeconds(10))
                    .until(() -> Instant.now().isAfter(killed.plus(PRE_KILL_SAMPLES_STALE)));
            rig.services().planner().approve(planId, "flip");

            rig.assertDrillCompleted("kill -9 replication-monitor while the lag gate holds READ_ONLY", planId, flip, watch,
                    began);
        }
    }
}
