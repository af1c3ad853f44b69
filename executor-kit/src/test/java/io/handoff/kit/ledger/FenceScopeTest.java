package io.handoff.kit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which scopes a command touches, read from its params the way the planner's PlanCompiler writes them. */
class FenceScopeTest {

    @Test
    void everyClusterParamNamesAScope() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(StepParams.CLUSTER, "source");
        params.put(StepParams.TARGET_CLUSTER, "target");
        params.put(StepParams.EXEMPT_USERS, List.of("auth"));

        assertThat(FenceScope.of(command(StepType.ROLLBACK, params))).containsExactly(
                new FenceScope(FenceScope.CLUSTER, "source"), new FenceScope(FenceScope.CLUSTER, "target"));
        assertThat(FenceScope.of(command(StepType.WAIT_SYNC, Map.of(StepParams.CLUSTER, "target",
                StepParams.SOURCE_CLUSTER, "source", StepParams.TIMEOUT_MS, 30_000)))).containsExactly(
                new FenceScope(FenceScope.CLUSTER, "target"), new FenceScope(FenceScope.CLUSTER, "source"));
    }

    @Test
    void dnsCommandsAreFencedPerApplication() {
        assertThat(FenceScope.of(command(StepType.SWITCH_DNS, Map.of(StepParams.APPLICATION, "storefront",
                StepParams.RECORDS, List.of())))).containsExactly(new FenceScope(FenceScope.APPLICATION, "storefront"));
    }

    @Test
    void aClusterNamedTwiceIsOneScopeAndBlankOrNonTextValuesNameNone() {
        assertThat(FenceScope.of(command(StepType.START_REPLICATION, Map.of(StepParams.CLUSTER, "target",
                StepParams.SOURCE_CLUSTER, "target")))).containsExactly(new FenceScope(FenceScope.CLUSTER, "target"));
        assertThat(FenceScope.of(command(StepType.READ_ONLY, Map.of(StepParams.CLUSTER, " ",
                StepParams.SOURCE_CLUSTER, 7)))).isEmpty();
    }

    @Test
    void aScopeKeyReadsBackAsTheSameScope() {
        FenceScope scope = new FenceScope(FenceScope.CLUSTER, "aurora:main");

        assertThat(scope.key()).isEqualTo("cluster:aurora:main");
        assertThat(FenceScope.parse(scope.key())).isEqualTo(scope);
        assertThat(scope).hasToString("cluster aurora:main");
        assertThatThrownBy(() -> FenceScope.parse("nothing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FenceScope.parse("zone:x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static StepCommand command(StepType type, Map<String, ?> params) {
        return StepCommand.issue("plan-1", "1-" + type, type, params, 1, Instant.now().plusSeconds(60), 3, Clock.systemUTC());
    }
}
