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

/** Replication is encrypted unless the command says {@code replicationSsl: false}. */
class ReplicationEncryptionParamTest {

    @Test
    void replicationIsEncryptedUnlessTheCommandSaysPlain() throws StepFailedException {
        assertThat(args(Map.of()).replicationEncrypted()).isTrue();
        assertThat(args(Map.of(StepParams.REPLICATION_SSL, true)).replicationEncrypted()).isTrue();
        assertThat(args(Map.of(StepParams.REPLICATION_SSL, false)).replicationEncrypted()).isFalse();
        assertThat(args(Map.of(StepParams.REPLICATION_SSL, "false")).replicationEncrypted()).isFalse();
    }

    @Test
    void aValueThatIsNotABooleanIsATerminalFailure() {
        assertThatThrownBy(() -> args(Map.of(StepParams.REPLICATION_SSL, "plain")).replicationEncrypted())
                .isInstanceOf(StepFailedException.class).hasMessageContaining("replicationSsl").hasMessageContaining("true or false");
    }

    private static StepArguments args(Map<String, ?> params) {
        StepCommand command = StepCommand.issue("plan-1", "1-START_REPLICATION", StepType.START_REPLICATION, params, 1,
                Instant.now().plusSeconds(60), 1, Clock.systemUTC());
        return new StepArguments(command, ClusterRegistry.of());
    }
}
