package io.handoff.monitor.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.StepParameters;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorParamsTest {
    private static final ClusterRegistry REGISTRY = ClusterRegistry.of(
            new ClusterSpec("source", "127.0.0.2", 3306, ServerFlavor.MARIADB, "admin", Secret.of("x")));

    private static StepCommand start(Map<String, ?> params) {
        return StepCommand.issue("plan-1", "1-START_MONITOR", StepType.START_MONITOR, params, 1,
                Instant.now().plusSeconds(60), 0, Clock.systemUTC());
    }

    @Test
    void namedClusterIsTakenFromTheRegistry() throws StepFailedException {
        StepParameters.StartMonitor params = StepParametersOf.command(start(Map.of(StepParams.CLUSTER, "target",
                StepParams.SOURCE_CLUSTER, "source")), StepParameters.StartMonitor.class);
        assertThat(MonitorParams.cluster(StepType.START_MONITOR, StepParams.SOURCE_CLUSTER, params.sourceCluster(), REGISTRY)
                .name()).isEqualTo("source");
    }

    @Test
    void missingOrUnknownClusterIsATerminalFailure() {
        assertThatThrownBy(() -> StepParametersOf.command(start(Map.of(StepParams.SOURCE_CLUSTER, "source")),
                StepParameters.StartMonitor.class))
                .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.failure().retryable()).isFalse())
                .hasMessageContaining("cluster must not be blank");
        assertThatThrownBy(() -> MonitorParams.cluster(StepType.START_MONITOR, StepParams.CLUSTER, "elsewhere", REGISTRY))
                .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.failure().retryable()).isFalse())
                .hasMessageContaining("elsewhere");
    }

    @Test
    void intervalIsOptionalAndMustBeWholeMillisecondsInRange() throws StepFailedException {
        Duration fallback = Duration.ofMillis(100);
        assertThat(interval(Map.of(), fallback)).isEqualTo(fallback);
        assertThat(interval(Map.of(StepParams.INTERVAL_MS, 250), fallback)).isEqualTo(Duration.ofMillis(250));
        for (Object bad : new Object[] {2.5, 5, 120_000, "100"}) {
            assertThatThrownBy(() -> interval(Map.of(StepParams.INTERVAL_MS, bad), fallback))
                    .isInstanceOf(StepFailedException.class).hasMessageContaining("intervalMs");
        }
    }

    private static Duration interval(Map<String, Object> params, Duration fallback) throws StepFailedException {
        Map<String, Object> all = new java.util.LinkedHashMap<>(params);
        all.put(StepParams.CLUSTER, "target");
        all.put(StepParams.SOURCE_CLUSTER, "source");
        StepParameters.StartMonitor decoded = StepParametersOf.command(start(all), StepParameters.StartMonitor.class);
        return MonitorParams.millis(StepType.START_MONITOR, StepParams.INTERVAL_MS, decoded.intervalMs(), fallback, 10, 60_000);
    }
}
