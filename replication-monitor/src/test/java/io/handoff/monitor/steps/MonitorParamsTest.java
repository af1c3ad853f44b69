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
import io.handoff.kit.steps.StepFailedException;
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
        assertThat(MonitorParams.cluster(start(Map.of(StepParams.SOURCE_CLUSTER, "source")), StepParams.SOURCE_CLUSTER, REGISTRY)
                .name()).isEqualTo("source");
    }

    @Test
    void missingOrUnknownClusterIsATerminalFailure() {
        assertThatThrownBy(() -> MonitorParams.cluster(start(Map.of()), StepParams.CLUSTER, REGISTRY))
                .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.failure().retryable()).isFalse())
                .hasMessageContaining("'cluster'");
        assertThatThrownBy(() -> MonitorParams.cluster(start(Map.of(StepParams.CLUSTER, "elsewhere")), StepParams.CLUSTER, REGISTRY))
                .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.failure().retryable()).isFalse())
                .hasMessageContaining("elsewhere");
    }

    @Test
    void intervalIsOptionalAndMustBeWholeMillisecondsInRange() throws StepFailedException {
        Duration fallback = Duration.ofMillis(100);
        assertThat(MonitorParams.millis(start(Map.of()), StepParams.INTERVAL_MS, fallback, 10, 60_000)).isEqualTo(fallback);
        assertThat(MonitorParams.millis(start(Map.of(StepParams.INTERVAL_MS, 250)), StepParams.INTERVAL_MS, fallback, 10, 60_000))
                .isEqualTo(Duration.ofMillis(250));
        for (Object bad : new Object[] {2.5, 5, 120_000, "100"}) {
            assertThatThrownBy(() -> MonitorParams.millis(start(Map.of(StepParams.INTERVAL_MS, bad)), StepParams.INTERVAL_MS,
                    fallback, 10, 60_000)).isInstanceOf(StepFailedException.class).hasMessageContaining("intervalMs");
        }
    }
}
