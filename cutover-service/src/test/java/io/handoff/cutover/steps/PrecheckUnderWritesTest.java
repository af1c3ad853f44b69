package io.handoff.cutover.steps;

import static io.handoff.cutover.support.Servers.A;
import static io.handoff.cutover.support.Servers.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.cutover.support.Workload;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 6: PRECHECK on a healthy target that replicates from a source taking writes finds no
 * errant GTIDs. Before the fix it read the source's GTID state before the target's, and a source
 * transaction the target applied in between looked errant.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class PrecheckUnderWritesTest extends ReplicatedPairFixture {
    private static final int RUNS = 10;

    @Test
    void precheckOfAReplicatingTargetUnderSourceWritesFindsNoErrantGtids() throws Exception {
        List<Object> errantFindings = new ArrayList<>();
        Workload workload = new Workload(servers.a(), servers.app(), table);
        try (workload) {
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.acknowledged().size() >= 20);
            for (int run = 0; run < RUNS; run++) {
                StepEvent precheck = bus.run(plan.command(StepType.PRECHECK, Map.of(StepParams.CLUSTER, B,
                        StepParams.SOURCE_CLUSTER, A)));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> findings = (List<Map<String, Object>>) fact(precheck, StepParams.FACT_FINDINGS);
                findings.stream().filter(finding -> "errant_gtids".equals(finding.get("check"))).forEach(errantFindings::add);
            }
            int acknowledgedBefore = workload.acknowledged().size();
            await().atMost(Duration.ofSeconds(10)).until(() -> workload.acknowledged().size() > acknowledgedBefore);
        }
        assertThat(workload.acknowledged()).as("the source took writes throughout").hasSizeGreaterThan(RUNS * 5);
        assertThat(errantFindings).as("errant_gtids findings over %d PRECHECKs", RUNS).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(servers.binlogPosition(servers.b()))
                .isEqualTo(servers.binlogPosition(servers.a())));
    }
}
