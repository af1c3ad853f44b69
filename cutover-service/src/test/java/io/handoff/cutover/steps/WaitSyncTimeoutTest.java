package io.handoff.cutover.steps;

import static io.handoff.cutover.support.Servers.A;
import static io.handoff.cutover.support.Servers.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invariant 3: a flip that fails before DNS moves rolls back to A as the master, B replicating. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class WaitSyncTimeoutTest extends ReplicatedPairFixture {

    @Test
    void waitSyncTimesOutWhileBLagsAndRollbackRestoresAAsTheMasterWithBReplicating() throws Exception {
        servers.admin(servers.b(), "STOP SLAVE SQL_THREAD");
        servers.insert(servers.a(), servers.app(), table, 1, "not-yet-on-b");
        succeeds(StepType.READ_ONLY, on(A));
        succeeds(StepType.READ_ONLY, on(B));
        String positionOfA = servers.binlogPosition(servers.a());

        StepEvent sync = bus.run(plan.command(StepType.WAIT_SYNC,
                Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A, StepParams.TIMEOUT_MS, 1000)));

        assertThat(sync.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(sync.failure().retryable()).isFalse();
        assertThat(sync.failure().reason()).contains("timed out after 1 s", "'" + positionOfA + "'", "sql=No");
        assertThat(sync.failure().recoverableState())
                .isEqualTo("A (source) is read-only, B (target) still replicating: ROLLBACK restores A");
        assertThat(sync.facts()).containsEntry(StepParams.FACT_POSITION, positionOfA);

        StepCommand rollback = plan.command(StepType.ROLLBACK,
                Map.of(StepParams.CLUSTER, A, StepParams.TARGET_CLUSTER, B, StepParams.EXEMPT_USERS, EXEMPT));
        assertThat(fact(succeeds(rollback), "actions"))
                .isEqualTo(List.of("started target's replica of source", "made source writable"));

        assertThat(servers.readOnly(servers.a())).isFalse();
        assertThat(servers.readOnly(servers.b())).isTrue();
        servers.insert(servers.a(), servers.app(), table, 2, "after-rollback");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(servers.ids(servers.b(), table, "after-rollback")).containsExactly(2L);
            assertThat(servers.ids(servers.b(), table, "not-yet-on-b")).containsExactly(1L);
            assertThat(servers.replicatesFrom(servers.b(), servers.a())).as("%s", servers.replicas(servers.b())).isTrue();
        });

        StepEvent again = succeeds(plan.retry(rollback));
        assertThat(again.facts()).containsEntry("actions", List.of()).containsEntry(StepParams.FACT_ALREADY_APPLIED, true);
    }

    @Test
    void waitSyncFailsAtOnceWhenBsReplicationStoppedOnAnErrorInsteadOfWaitingForItsTimeout() throws Exception {
        // B has a row of its own (unlogged) that A then writes too: B's applier stops on the duplicate key (1062).
        servers.admin(servers.b(), "STOP SLAVE SQL_THREAD", "SET SESSION sql_log_bin=0",
                "INSERT INTO " + table + " (id, who) VALUES (7, 'b-only')");
        servers.insert(servers.a(), servers.app(), table, 7, "conflicting");
        try {
            succeeds(StepType.READ_ONLY, on(A));
            succeeds(StepType.READ_ONLY, on(B));
            servers.admin(servers.b(), "START SLAVE SQL_THREAD");

            StepEvent sync = bus.run(plan.command(StepType.WAIT_SYNC,
                    Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A, StepParams.TIMEOUT_MS, 30_000)));

            assertThat(sync.kind()).isEqualTo(StepEventKind.FAILED);
            assertThat(sync.failure().retryable()).isFalse();
            assertThat(sync.failure().reason()).as("failed on the applier's error, not at the 30 s timeout")
                    .contains("replication stopped on an error", "Duplicate entry").doesNotContain("timed out");
            assertThat(sync.failure().recoverableState()).contains("ROLLBACK restores A", "must be mended");
        } finally {
            servers.admin(servers.b(), "STOP SLAVE SQL_THREAD", "SET SESSION sql_log_bin=0", "DELETE FROM " + table + " WHERE id = 7",
                    "START SLAVE SQL_THREAD");
            succeeds(plan.command(StepType.ROLLBACK,
                    Map.of(StepParams.CLUSTER, A, StepParams.TARGET_CLUSTER, B, StepParams.EXEMPT_USERS, EXEMPT)));
        }
    }
}
