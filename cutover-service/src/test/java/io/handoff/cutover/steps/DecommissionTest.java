package io.handoff.cutover.steps;

import static io.handoff.cutover.support.Servers.A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
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

/**
 * DECOMMISSION of the old master after a flip (issue 7, after phase), on the real servers: A ends
 * fenced, without replication, with all its data, and reports its final position; a repeat converges.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class DecommissionTest extends ReplicatedPairFixture {

    @Test
    void decommissionEndsReplicationKeepsTheFenceAndTheDataAndConvergesWhenRepeated() throws Exception {
        flip(this::succeeds);
        servers.insert(servers.b(), servers.app(), table, 7, "after-flip");
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.ids(servers.a(), table, "after-flip").contains(7L));
        assertThat(servers.replicatesFrom(servers.a(), servers.b())).as("reverse replication before DECOMMISSION").isTrue();
        StepCommand decommission = plan.command(StepType.DECOMMISSION, Map.of(StepParams.CLUSTER, A,
                StepParams.STRATEGIES, Map.of(StepParams.STRATEGY_READ_ONLY, "global", StepParams.STRATEGY_KILL, "kill"),
                StepParams.EXEMPT_USERS, EXEMPT));

        StepEvent retired = succeeds(decommission);

        assertThat(retired.facts()).containsEntry(StepParams.FACT_REPLICATION_CONFIGURED, false)
                .containsEntry(StepParams.FACT_FENCED, true)
                .containsEntry(StepParams.FACT_ALREADY_APPLIED, false)
                .containsEntry(StepParams.FACT_FINAL_POSITION, servers.binlogPosition(servers.a()))
                .containsEntry(StepParams.FACT_ACTIONS, List.of("replication stopped and reset"));
        assertThat(servers.replicas(servers.a())).isEmpty();
        assertThat(servers.readOnly(servers.a())).isTrue();
        assertThat(servers.ids(servers.a(), table, "after-flip")).as("nothing dropped").containsExactly(7L);

        servers.a().runAsRoot("SET GLOBAL read_only=0;\n");
        StepEvent refenced = succeeds(plan.retry(decommission));
        assertThat(servers.readOnly(servers.a())).as("a lifted fence is applied again").isTrue();
        assertThat(refenced.facts()).containsEntry(StepParams.FACT_ACTIONS,
                List.of("fenced again (application writes had been let in)"))
                .containsEntry(StepParams.FACT_FINAL_POSITION, retired.facts().get(StepParams.FACT_FINAL_POSITION));

        StepEvent repeated = succeeds(plan.retry(plan.retry(decommission)));
        assertThat(repeated.facts()).containsEntry(StepParams.FACT_ALREADY_APPLIED, true)
                .containsEntry(StepParams.FACT_ACTIONS, List.of())
                .containsEntry(StepParams.FACT_FINAL_POSITION, retired.facts().get(StepParams.FACT_FINAL_POSITION));
        assertThat(servers.ids(servers.a(), table, "after-flip")).containsExactly(7L);
    }
}
