package io.handoff.monitor.lag;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.LagSample;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.mariadb.LocalReplication;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.monitor.support.MonitorBus;
import io.handoff.monitor.support.ReplicatedPair;
import io.handoff.monitor.support.SourceWrites;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeat lag against the real local stack: a fresh schema replicated source -> target, the monitor
 * driven only through Kafka (START_MONITOR / STOP_MONITOR), its LagSamples read from Kafka, on a MariaDB
 * pair and on a MySQL source with an Aurora-like target (issue 15; before, a surefire test on MariaDB only).
 * After each test the servers stand alone again, so the order of tests does not matter.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class HeartbeatLagIT {
    private static final String SOURCE = "source";
    private static final String TARGET = "target";

    private final LocalStack stack = SharedLocalStack.get();
    private final ReplicatedPair servers = new ReplicatedPair(stack);
    private final String planId = "plan-" + UUID.randomUUID();
    private final String schema = "lag_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private int steps;
    private String table;
    private MonitorBus bus;
    private StepEvent started;

    @BeforeEach
    void monitorAFreshReplicatedSchema() throws Exception {
        servers.standalone(List.of());
        table = servers.replicatedTable(schema);
        bus = new MonitorBus(stack.kafka().bootstrapServers(), planId);
        started = bus.run(command(StepType.START_MONITOR, Map.of(StepParams.CLUSTER, TARGET, StepParams.SOURCE_CLUSTER, SOURCE)));
        assertThat(started.kind()).as("START_MONITOR: %s", started.failure()).isEqualTo(StepEventKind.SUCCEEDED);
    }

    @AfterEach
    void stopMonitoringAndStandAlone() throws Exception {
        try {
            if (bus != null) {
                bus.run(command(StepType.STOP_MONITOR, Map.of()));
                bus.close();
            }
        } finally {
            servers.standalone(List.of(schema));
        }
    }

    @Test
    void startReportsTheFirstPublishedSampleAndPublishesAtLeastFourSamplesASecond() throws Exception {
        assertThat(started.facts()).containsEntry(StepParams.FACT_ALREADY_APPLIED, false)
                .containsEntry(StepParams.INTERVAL_MS, 100);
        assertThat(((Number) started.facts().get(StepParams.FACT_FIRST_LAG_MS)).longValue()).isBetween(0L, 1000L);

        Instant from = Instant.now();
        Duration window = Duration.ofSeconds(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> bus.latest() != null
                && bus.latest().sampledAt().isAfter(from.plus(window)));
        List<LagSample> inWindow = bus.samplesSince(from).stream()
                .filter(sample -> sample.sampledAt().isBefore(from.plus(window))).toList();
        assertThat(inWindow).as("samples in %s", window).hasSizeGreaterThanOrEqualTo(12);

        LagSample sample = inWindow.get(inWindow.size() - 1);
        assertThat(sample.planId()).isEqualTo(planId);
        assertThat(sample.stale()).isFalse();
        assertThat(sample.lagMillis()).isLessThan(1000);
        String sourceNow = servers.sourcePosition();
        assertThat(sample.sourcePosition()).isNotBlank();
        assertThat(GtidDistance.transactionsBehind(sample.sourcePosition(), sourceNow)).as("the source's own GTIDs").isZero();
        assertThat(sample.targetPosition()).isNotBlank();
        assertThat(GtidDistance.transactionsBehind(sample.targetPosition(), sourceNow)).as("GTIDs the source wrote").isZero();
        assertThat(sample.eventsBehind()).isGreaterThanOrEqualTo(0);
        assertThat(sample.bytesBehind()).isGreaterThanOrEqualTo(0);
        assertThat(get("/q/metrics").asString()).contains("handoff_replication_lag_ms{plan=\"" + planId + "\"}");
    }

    @Test
    void lagRisesAboveTwoSecondsWhileTheTargetStopsApplyingAndFallsBelowOneSecondAfter() throws Exception {
        try (SourceWrites writes = SourceWrites.inserts(servers.source(), stack.accounts().app(), table)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> writes.written() > 20);
            servers.stopApplier();
            Instant stoppedAt = Instant.now();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> bus.latest().lagMillis() > 2000);
                await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(stoppedAt.plusSeconds(3)));
            } finally {
                servers.startApplier();
            }
            Instant resumedAt = Instant.now();
            LagSample peak = bus.samplesSince(stoppedAt).stream()
                    .max((a, b) -> Long.compare(a.lagMillis(), b.lagMillis())).orElseThrow();
            assertThat(peak.lagMillis()).isGreaterThan(2000);
            assertThat(peak.stale()).as("the writer kept going: lagging, not stale").isFalse();
            assertThat(peak.replicationProblem()).isEqualTo(TARGET + "'s replication SQL thread is stopped");
            assertThat(peak.eventsBehind()).isPositive();
            assertThat(peak.bytesBehind()).isPositive();
            if (LocalReplication.dialect(servers.target()).commitTimestampLagMicros().isPresent()) {
                assertThat(bus.samplesSince(stoppedAt)).extracting(LagSample::commitLagMicros)
                        .as("MySQL's lag from original commit timestamps rises too").anyMatch(micros -> micros > 2_000_000);
            } else {
                assertThat(bus.samplesSince(stoppedAt)).extracting(LagSample::commitLagMicros)
                        .as("MariaDB has no original commit timestamps").containsOnlyNulls();
            }

            await().atMost(Duration.ofSeconds(15)).until(() -> {
                LagSample latest = bus.latest();
                return latest.sampledAt().isAfter(resumedAt) && latest.lagMillis() < 1000;
            });
            assertThat(bus.latest().replicationProblem()).as("both threads run again").isNull();
            assertThat(writes.written()).isGreaterThan(20);
        }
    }

    @Test
    void heartbeatPausedOnAReadOnlySourceReadsStaleNotLagging() throws Exception {
        servers.admin(servers.source(), "SET GLOBAL read_only=ON");
        Instant readOnlyAt = Instant.now();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                LagSample latest = bus.latest();
                return latest.sampledAt().isAfter(readOnlyAt) && latest.stale();
            });
            String position = servers.sourcePosition();
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() ->
                    position.equals(servers.sourcePosition()));
        } finally {
            servers.admin(servers.source(), "SET GLOBAL read_only=OFF");
        }
        Instant writableAt = Instant.now();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            LagSample latest = bus.latest();
            return latest.sampledAt().isAfter(writableAt) && !latest.stale() && latest.lagMillis() < 1000;
        });
    }

    @Test
    void secondStartRunsNoSecondMonitorAndStopEndsTheSamples() {
        StepEvent again = bus.run(command(StepType.START_MONITOR,
                Map.of(StepParams.CLUSTER, TARGET, StepParams.SOURCE_CLUSTER, SOURCE, StepParams.INTERVAL_MS, 50)));
        assertThat(again.kind()).isEqualTo(StepEventKind.SUCCEEDED);
        assertThat(again.facts()).containsEntry(StepParams.FACT_ALREADY_APPLIED, true)
                .containsEntry(StepParams.INTERVAL_MS, 100)
                .containsEntry(StepParams.FACT_FIRST_LAG_MS, started.facts().get(StepParams.FACT_FIRST_LAG_MS));

        Instant from = Instant.now();
        Duration window = Duration.ofSeconds(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> bus.latest().sampledAt().isAfter(from.plus(window)));
        long inWindow = bus.samplesSince(from).stream().filter(s -> s.sampledAt().isBefore(from.plus(window))).count();
        assertThat(inWindow).as("one sampler at 5 per second, not two").isBetween(7L, 16L);

        StepEvent stopped = bus.run(command(StepType.STOP_MONITOR, Map.of()));
        assertThat(stopped.facts()).containsEntry(StepParams.FACT_ALREADY_APPLIED, false);
        Instant stoppedAt = stopped.occurredAt();
        int count = bus.samples().size();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> bus.samples().size() == count);
        assertThat(bus.samples()).allMatch(sample -> !sample.sampledAt().isAfter(stoppedAt));
        assertThat(get("/q/metrics").asString()).doesNotContain(planId);
        assertThat(bus.run(command(StepType.STOP_MONITOR, Map.of())).facts())
                .containsEntry(StepParams.FACT_ALREADY_APPLIED, true);
    }

    @Test
    void startFailsRetryableAndLeavesNothingRunningWhenTheTargetDoesNotReplicate() throws Exception {
        servers.stopApplier();
        String otherPlan = "plan-" + UUID.randomUUID();
        StepEvent failed = bus.run(command(otherPlan, StepType.START_MONITOR, Map.of(StepParams.CLUSTER, TARGET,
                StepParams.SOURCE_CLUSTER, SOURCE, StepParams.TIMEOUT_MS, 1500)));
        assertThat(failed.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(failed.failure().retryable()).isTrue();
        assertThat(failed.failure().recoverableState()).isEqualTo("no monitor runs");
        assertThat(get("/q/metrics").asString()).doesNotContain(otherPlan);
        assertThat(bus.run(command(otherPlan, StepType.STOP_MONITOR, Map.of())).facts())
                .containsEntry(StepParams.FACT_ALREADY_APPLIED, true);
    }

    @Test
    void startForTheSamePlanWithOtherClustersIsRefused() {
        StepEvent refused = bus.run(command(StepType.START_MONITOR,
                Map.of(StepParams.CLUSTER, SOURCE, StepParams.SOURCE_CLUSTER, TARGET)));
        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure().retryable()).isFalse();
        assertThat(refused.failure().reason()).contains("already monitors target <- source");
    }

    private StepCommand command(StepType type, Map<String, ?> params) {
        return command(planId, type, params);
    }

    private StepCommand command(String plan, StepType type, Map<String, ?> params) {
        steps++;
        return StepCommand.issue(plan, steps + "-" + type, type, params, 1, Instant.now().plus(Duration.ofMinutes(10)), 0,
                Clock.systemUTC());
    }
}
