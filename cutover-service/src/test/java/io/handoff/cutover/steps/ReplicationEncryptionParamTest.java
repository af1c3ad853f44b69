package io.handoff.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.kit.steps.StepFailedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replication is encrypted unless the command says {@code replicationSsl: false}; anything but a boolean is refused. */
class ReplicationEncryptionParamTest {

    @Test
    void replicationIsEncryptedUnlessTheCommandSaysPlain() throws StepFailedException {
        assertThat(args(Map.of()).replicationEncrypted()).isTrue();
        assertThat(args(Map.of(StepParams.REPLICATION_SSL, true)).replicationEncrypted()).isTrue();
        assertThat(args(Map.of(StepParams.REPLICATION_SSL, false)).replicationEncrypted()).isFalse();
    }

    @Test
    void aValueThatIsNotABooleanIsATerminalFailureThatChangedNothing() {
        for (Object notABoolean : new Object[] {"plain", "false", 0}) {
            assertThatThrownBy(() -> args(Map.of(StepParams.REPLICATION_SSL, notABoolean)))
                    .isInstanceOfSatisfying(StepFailedException.class, e -> {
                        assertThat(e.failure().retryable()).isFalse();
                        assertThat(e.failure().recoverableState()).isEqualTo("nothing was changed");
                    })
                    .hasMessageContaining("START_REPLICATION params: replicationSsl is not of the right kind");
        }
    }

    private static StepArguments args(Map<String, ?> given) throws StepFailedException {
        Map<String, Object> params = new java.util.LinkedHashMap<>(given);
        params.put(StepParams.CLUSTER, "target");
        params.put(StepParams.SOURCE_CLUSTER, "source");
        StepCommand command = StepCommand.issue("plan-1", "1-START_REPLICATION", StepType.START_REPLICATION, params, 1,
                Instant.now().plusSeconds(60), 1, Clock.systemUTC());
        return StepArguments.of(command, ClusterRegistry.of());
    }
}
