package io.handoff.cutover.steps;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Invariant 4: a command delivered again, or attempted again, changes nothing more. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class RedeliveryTest extends ReplicatedPairFixture {
    private static final Set<StepType> REPORTING_ALREADY_APPLIED = Set.of(StepType.READ_ONLY, StepType.STOP_REPLICA,
            StepType.WRITABLE, StepType.RESET_REPLICA, StepType.REVERSE_REPLICATION);

    @Test
    void everyFlipStepDeliveredTwiceActsOnceAndReportsTheSameFacts() throws Exception {
        List<List<StepEvent>> pairs = new ArrayList<>();
        flip(command -> {
            bus.send(command);
            bus.send(command);
            List<StepEvent> twice = bus.outcomes(command.commandId(), 2);
            pairs.add(twice);
            assertThat(bus.eventsOf(command.commandId())).filteredOn(event -> event.kind() == StepEventKind.STARTED)
                    .as("%s started once", command.stepId()).hasSize(1);
            return succeeded(twice.get(0));
        });

        assertThat(pairs).hasSize(12).allSatisfy(twice -> {
            assertThat(succeeded(twice.get(1)).facts()).as(twice.get(0).stepId()).isEqualTo(twice.get(0).facts());
        });
        assertSingleFlipOutcome();
    }

    @Test
    void aRetriedFlipStepFindsItsEffectInPlaceAndChangesNothing() throws Exception {
        List<List<StepEvent>> pairs = new ArrayList<>();
        flip(command -> {
            StepEvent first = succeeds(command);
            StepEvent retried = succeeds(plan.retry(command));
            pairs.add(List.of(first, retried));
            return first;
        });

        for (List<StepEvent> pair : pairs) {
            StepEvent first = pair.get(0);
            StepEvent retried = pair.get(1);
            assertThat(retried.commandId()).isNotEqualTo(first.commandId());
            StepType type = StepType.valueOf(first.stepId().substring(first.stepId().indexOf('-') + 1));
            if (REPORTING_ALREADY_APPLIED.contains(type)) {
                assertThat(fact(retried, StepParams.FACT_ALREADY_APPLIED)).as(first.stepId()).isEqualTo(true);
            }
            if (type == StepType.WAIT_SYNC || type == StepType.CAPTURE_POSITION) {
                assertThat(fact(retried, StepParams.FACT_POSITION)).as(first.stepId())
                        .isEqualTo(fact(first, StepParams.FACT_POSITION));
            }
        }
        assertSingleFlipOutcome();
    }

    /** What one flip leaves: A read-only with exactly one replica connection, from B, running; B writable, no replica. */
    private void assertSingleFlipOutcome() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(servers.replicatesFrom(servers.a(), servers.b())).as("%s", servers.replicas(servers.a())).isTrue());
        assertThat(servers.replicas(servers.b())).isEmpty();
        assertThat(servers.readOnly(servers.a())).isTrue();
        assertThat(servers.readOnly(servers.b())).isFalse();
        servers.insert(servers.b(), servers.app(), table, 1, "on-b");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(servers.ids(servers.a(), table, "on-b")).containsExactly(1L));
    }
}
