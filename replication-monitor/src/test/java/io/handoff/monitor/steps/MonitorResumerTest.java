package io.handoff.monitor.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.Failure;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepType;
import io.handoff.kit.ledger.LedgerFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MonitorResumerTest {
    private static final Instant T0 = Instant.parse("2026-11-25T01:00:00Z");

    @Test
    void onlyPlansWhoseLatestSucceededStartWasNotFollowedByAStopAreResumed() {
        StepEvent running = event("running", 1, StepEventKind.SUCCEEDED);
        StepEvent stoppedStart = event("stopped", 2, StepEventKind.SUCCEEDED);
        StepEvent stop = event("stopped", 3, StepEventKind.SUCCEEDED);
        StepEvent restartedStart = event("restarted", 4, StepEventKind.SUCCEEDED);
        StepEvent earlierStop = event("restarted", 1, StepEventKind.SUCCEEDED);
        StepEvent failedStart = event("failed", 5, StepEventKind.FAILED);

        List<StepEvent> resumed = MonitorResumer.stillMonitored(List.of(running, stoppedStart, restartedStart, failedStart),
                List.of(stop, earlierStop));

        assertThat(resumed).containsExactlyInAnyOrder(running, restartedStart);
    }

    @Test
    void aPlanIsResumedWithTheClustersAndIntervalItsStartReportedUnderTheEpochItApplied() {
        StepEvent started = event("running", 1, StepEventKind.SUCCEEDED, Map.of("firstLagMs", 12, "alreadyApplied", false,
                "intervalMs", 250, "cluster", "target", "sourceCluster", "source", LedgerFacts.STEP_TYPE, "START_MONITOR",
                LedgerFacts.FENCING_EPOCH, 3, LedgerFacts.FENCED_SCOPES, List.of("plan:running")));

        StepCommand again = MonitorResumer.again(started, Clock.systemUTC()).orElseThrow();

        assertThat(again.type()).isEqualTo(StepType.START_MONITOR);
        assertThat(again.planId()).isEqualTo("running");
        assertThat(again.stepId()).isEqualTo(started.stepId());
        assertThat(again.attempt()).isEqualTo(started.attempt());
        assertThat(again.fencingEpoch()).isEqualTo(3);
        assertThat(again.params()).isEqualTo(Map.of("cluster", "target", "sourceCluster", "source", "intervalMs", 250));
    }

    @Test
    void aStartWhoseReportNamesNoClustersIsNotResumed() {
        assertThat(MonitorResumer.again(event("old", 1, StepEventKind.SUCCEEDED, Map.of("firstLagMs", 12)),
                Clock.systemUTC())).isEmpty();
    }

    private static StepEvent event(String plan, int second, StepEventKind kind) {
        return event(plan, second, kind, Map.of());
    }

    private static StepEvent event(String plan, int second, StepEventKind kind, Map<String, Object> facts) {
        return new StepEvent(UUID.randomUUID().toString(), plan, T0.plusSeconds(second), StepEvent.SCHEMA_VERSION, "step-" + second,
                UUID.randomUUID().toString(), 1, kind, facts,
                kind == StepEventKind.FAILED ? Failure.terminal("no", "nothing was changed") : null);
    }
}
