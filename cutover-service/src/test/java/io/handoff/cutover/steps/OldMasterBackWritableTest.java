package io.handoff.cutover.steps;

import static io.handoff.cutover.support.Servers.A;
import static io.handoff.cutover.support.Servers.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The old master comes back writable after the new master took over (its server restarted with read-only off, as a
 * former master's configuration says): REVERSE_REPLICATION fences it again rather than leaving two writable masters,
 * and lets it replicate from the new master only when it took no transaction the new master never had.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OldMasterBackWritableTest extends ReplicatedPairFixture {

    @Test
    void reverseReplicationFencesAWritableOldMasterAgainAndThenReplicatesFromTheNewOne() throws Exception {
        String position = flipUntilReverseReplication();
        servers.admin(servers.a(), "SET GLOBAL read_only = 0"); // what a restart with the configured read_only=OFF does

        StepEvent reverse = succeeds(StepType.REVERSE_REPLICATION, reverseReplication(position));

        assertThat(reverse.facts()).containsEntry("refenced", true);
        assertThat(servers.readOnly(servers.a())).as("the old master is read-only again").isTrue();
        assertThat(servers.readOnly(servers.b())).as("the new master").isFalse();
        servers.insert(servers.b(), servers.app(), table, 1_000_000, "on-b");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(servers.ids(servers.a(), table, "on-b")).containsExactly(1_000_000L);
            assertThat(servers.replicatesFrom(servers.a(), servers.b())).isTrue();
        });
    }

    @Test
    void reverseReplicationRefusesAnOldMasterThatTookAWriteTheNewOneNeverHadAndLeavesItFenced() throws Exception {
        String position = flipUntilReverseReplication();
        servers.admin(servers.a(), "SET GLOBAL read_only = 0");
        servers.insert(servers.a(), servers.app(), table, 7, "errant-on-a");
        String errant = servers.binlogPosition(servers.a());

        StepEvent reverse = bus.run(plan.command(StepType.REVERSE_REPLICATION, reverseReplication(position)));

        assertThat(reverse.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(reverse.failure().retryable()).isFalse();
        assertThat(reverse.failure().reason()).contains("logged transactions B never had", errant);
        assertThat(reverse.failure().recoverableState()).contains("B is the only writable master", "fenced again");
        assertThat(servers.readOnly(servers.a())).as("the old master is fenced again").isTrue();
        assertThat(servers.readOnly(servers.b())).isFalse();
        assertThat(servers.replicatesFrom(servers.a(), servers.b())).as("A must not replicate from B").isFalse();
        assertThat(servers.ids(servers.b(), table, "errant-on-a")).isEmpty();
    }

    /** The flip's steps up to RESET_REPLICA(A): B is the writable master; returns B's captured position. */
    private String flipUntilReverseReplication() {
        succeeds(StepType.FLUSH_TABLES, on(A));
        succeeds(StepType.READ_ONLY, on(A));
        succeeds(StepType.READ_ONLY, on(B));
        succeeds(StepType.KILL_CONNECTIONS, Map.of(StepParams.CLUSTER, A, StepParams.EXEMPT_USERS, EXEMPT));
        succeeds(StepType.WAIT_SYNC, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A, StepParams.TIMEOUT_MS, 30_000));
        succeeds(StepType.STOP_REPLICA, on(B));
        StepEvent captured = succeeds(StepType.CAPTURE_POSITION, on(B));
        succeeds(StepType.WRITABLE, on(B));
        succeeds(StepType.RESET_REPLICA, on(A));
        return (String) fact(captured, StepParams.FACT_POSITION);
    }

    private static Map<String, Object> reverseReplication(String position) {
        return Map.of(StepParams.CLUSTER, A, StepParams.SOURCE_CLUSTER, B, StepParams.POSITION, position,
                StepParams.EXEMPT_USERS, EXEMPT);
    }
}
