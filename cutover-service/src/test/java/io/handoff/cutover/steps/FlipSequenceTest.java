package io.handoff.cutover.steps;

import static io.handoff.cutover.support.Servers.A;
import static io.handoff.cutover.support.Servers.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.cutover.support.Workload;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The flip's SQL steps, driven through Kafka, on the real servers while an application writes. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class FlipSequenceTest extends ReplicatedPairFixture {

    @Test
    void writableFirstFlipLosesNoAcknowledgedWriteAndNeverHasTwoWritableMasters() throws Exception {
        List<StepEvent> outcomes;
        Workload workload = new Workload(servers.a(), servers.app(), table);
        try (workload) {
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.acknowledged().size() >= 20);
            outcomes = flip(command -> succeeds(command));
            Instant readOnlyAt = confirmedAt(outcomes.get(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> workload.attempts().stream()
                    .filter(attempt -> attempt.startedAt().isAfter(readOnlyAt)).count() >= 10);
        }
        Instant readOnlyAt = confirmedAt(outcomes.get(1));

        // Invariant 1: from READ_ONLY(A) on, no application write succeeds on A.
        assertThat(workload.attempts()).filteredOn(attempt -> attempt.startedAt().isAfter(readOnlyAt))
                .isNotEmpty()
                .noneMatch(Workload.Attempt::acknowledged);
        assertThat(servers.ids(servers.a(), table, Workload.WHO)).isSubsetOf(startedBefore(workload, readOnlyAt));

        // WAIT_SYNC waited for A's final position, and B took over exactly there.
        String finalPosition = servers.binlogPosition(servers.a());
        assertThat(fact(outcomeOf(outcomes, StepType.WAIT_SYNC), StepParams.FACT_POSITION)).isEqualTo(finalPosition);
        assertThat(fact(outcomeOf(outcomes, StepType.CAPTURE_POSITION), StepParams.FACT_POSITION)).isEqualTo(finalPosition);

        // Invariant 2: every acknowledged write is on B, which has exactly A's rows.
        assertThat(workload.acknowledged()).isNotEmpty();
        Set<Long> onB = servers.ids(servers.b(), table, Workload.WHO);
        assertThat(onB).containsAll(workload.acknowledged())
                .isEqualTo(servers.ids(servers.a(), table, Workload.WHO));

        // B is the only writable master, and A follows it.
        servers.insert(servers.b(), servers.app(), table, 1_000_000, "on-b");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(servers.ids(servers.a(), table, "on-b")).containsExactly(1_000_000L));
        assertThatThrownBy(() -> servers.insert(servers.a(), servers.app(), table, 2_000_000, "on-a"))
                .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
        assertThat(servers.replicatesFrom(servers.a(), servers.b())).isTrue();
        assertThat(servers.replicas(servers.b())).isEmpty();
    }

    @Test
    void rollbackAfterReverseReplicationKeepsWhatBAcknowledgedAndRestoresA() throws Exception {
        flip(command -> succeeds(command));
        servers.insert(servers.b(), servers.app(), table, 1, "on-b");

        StepEvent rollback = succeeds(StepType.ROLLBACK,
                Map.of(StepParams.CLUSTER, A, StepParams.TARGET_CLUSTER, B, StepParams.EXEMPT_USERS, EXEMPT));

        String positionOfB = servers.binlogPosition(servers.b());
        assertThat(actions(rollback)).satisfiesExactly(
                action -> assertThat(action).isEqualTo("made target read-only"),
                action -> assertThat(action).startsWith("source applied target's position " + positionOfB + " in "),
                action -> assertThat(action).isEqualTo("stopped and reset source's replica of target"),
                action -> assertThat(action).isEqualTo("made target replicate from source at " + positionOfB),
                action -> assertThat(action).isEqualTo("made source writable"));
        assertThat(servers.ids(servers.a(), table, "on-b")).containsExactly(1L);
        servers.insert(servers.a(), servers.app(), table, 2, "on-a-again");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(servers.ids(servers.b(), table, "on-a-again")).containsExactly(2L);
            assertThat(servers.replicatesFrom(servers.b(), servers.a())).as("%s", servers.replicas(servers.b())).isTrue();
        });
        assertThat(servers.replicas(servers.a())).isEmpty();
        assertThat(servers.readOnly(servers.b())).isTrue();
        assertThat(servers.readOnly(servers.a())).isFalse();
    }

    private static Instant confirmedAt(StepEvent readOnly) {
        return Instant.parse((String) fact(readOnly, StepParams.FACT_CONFIRMED_AT));
    }

    private static Set<Long> startedBefore(Workload workload, Instant instant) {
        Set<Long> ids = new TreeSet<>();
        workload.attempts().stream().filter(attempt -> !attempt.startedAt().isAfter(instant))
                .forEach(attempt -> ids.add(attempt.id()));
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static List<String> actions(StepEvent rollback) {
        return (List<String>) fact(rollback, "actions");
    }
}
