package io.handoff.monitor.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.Failure;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
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

    private static StepEvent event(String plan, int second, StepEventKind kind) {
        return new StepEvent(UUID.randomUUID().toString(), plan, T0.plusSeconds(second), StepEvent.SCHEMA_VERSION, "step-" + second,
                UUID.randomUUID().toString(), 1, kind, Map.of(),
                kind == StepEventKind.FAILED ? Failure.terminal("no", "nothing was changed") : null);
    }
}
