package io.handoff.kit.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A prepared window's log line says how long it ran, each step's own time, and what was left between them. */
class WindowTimesTest {

    @Test
    void theTimeBetweenTheStepsIsTheWindowLessEveryStepsOwnTime() {
        WindowTimes times = new WindowTimes("04-read-only-source", 7_100_000L,
                List.of(ran(StepType.KILL_CONNECTIONS, 1_200_000L), ran(StepType.STOP_REPLICA, 2_500_000L),
                        ran(StepType.WRITABLE, 600_000L)));

        assertThat(times.betweenNanos()).isEqualTo(2_800_000L);
        assertThat(times.describe()).isEqualTo("after 04-read-only-source the window ran 7.1 ms: KILL_CONNECTIONS 1.2 ms,"
                + " STOP_REPLICA 2.5 ms, WRITABLE 0.6 ms, between the steps 2.8 ms");
    }

    private static CommandRunner.Ran ran(StepType type, long nanos) {
        StepCommand command = StepCommand.issue("plan", type.name().toLowerCase(), type, Map.of(StepParams.CLUSTER, "target"), 1,
                Instant.now().plusSeconds(60), 1, Clock.systemUTC());
        return new CommandRunner.Ran(new CommandRunner.Prepared(command, List.of(), () -> null),
                StepEvent.succeeded(command, Map.of(), Clock.systemUTC()), Map.of(), nanos);
    }
}
