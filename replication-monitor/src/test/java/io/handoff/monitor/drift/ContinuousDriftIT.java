package io.handoff.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.DriftKind;
import io.handoff.common.event.DriftReport;
import io.handoff.common.event.LagSample;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.monitor.steps.StopMonitorHandler;
import io.handoff.monitor.support.DriftReports;
import io.handoff.monitor.support.MonitorBus;
import io.handoff.monitor.support.ReplicatedPair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Continuous drift and resumption against the real local stack: a fresh schema replicated source ->
 * target, the monitor driven only through Kafka (START_MONITOR / STOP_MONITOR), its LagSamples and
 * DriftReports read from Kafka. The binlog tail's offsets live in the plan's Kafka topic, so a
 * START_MONITOR after a STOP_MONITOR resumes where the first engine stopped.
 *
 * <p>Drift is injected the only way that survives replication: a row the target applied and that
 * the monitor has not checked yet is changed on the target alone ({@code sql_log_bin=0}, no errant
 * GTID). With a primary key and full row images, a later source change of that row would overwrite
 * it on the target; so the monitor is stopped while the source changes the rows and the target's
 * copy is altered, and the restarted monitor checks those changes from its stored offset.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@Tag("issue-6")
class ContinuousDriftIT {
    private static final String SOURCE = "source";
    private static final String TARGET = "target";

    private final LocalStack stack = SharedLocalStack.get();
    private final ReplicatedPair servers = new ReplicatedPair(stack);
    private final String planId = "plan-" + UUID.randomUUID();
    private final String schema = "drift_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private int steps;
    private String table;
    private MonitorBus bus;
    private DriftReports drift;

    @BeforeEach
    void aFreshReplicatedSchema() throws Exception {
        servers.standalone(List.of());
        table = servers.replicatedTable(schema);
        bus = new MonitorBus(stack.kafka().bootstrapServers(), planId);
        drift = new DriftReports(stack.kafka().bootstrapServers(), planId);
    }

    @AfterEach
    void stopMonitoringAndStandAlone() throws Exception {
        try {
            if (bus != null) {
                bus.run(command(StepType.STOP_MONITOR, Map.of()));
                bus.close();
            }
            if (drift != null) {
                drift.close();
            }
        } finally {
            servers.standalone(List.of(schema));
        }
    }

    @Test
    void rowsChangedOnTheTargetAloneAreReportedWithTableAndKey() throws Exception {
        Instant restartedAt = checkedWorkloadThenRestart(true);

        await().atMost(Duration.ofSeconds(30)).until(() -> drift.all().size() >= 3);
        assertThat(drift.all()).extracting(DriftReport::table).containsOnly(table);
        assertThat(drift.all()).extracting(DriftReport::kind, DriftReport::primaryKey).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(DriftKind.DIFFERENT, Map.of("id", 17)),
                org.assertj.core.groups.Tuple.tuple(DriftKind.MISSING, Map.of("id", 18)),
                org.assertj.core.groups.Tuple.tuple(DriftKind.EXTRA, Map.of("id", 19)));
        assertThat(drift.all()).allSatisfy(report -> {
            assertThat(report.planId()).isEqualTo(planId);
            assertThat(report.count()).isEqualTo(1);
            assertThat(report.detectedAt()).isAfter(restartedAt);
        });

        StepEvent stopped = bus.run(command(StepType.STOP_MONITOR, Map.of()));
        assertThat(stopped.facts()).containsEntry(StopMonitorHandler.FACT_DRIFT_REPORTS, 3)
                .containsEntry(StopMonitorHandler.FACT_ROWS_CHECKED, 3);
    }

    @Test
    void theSameWorkloadWithoutTargetChangesReportsNoDrift() throws Exception {
        Instant restartedAt = checkedWorkloadThenRestart(false);

        await().atMost(Duration.ofSeconds(30)).until(() -> rowsCheckedSince(restartedAt) >= 3);
        StepEvent stopped = bus.run(command(StepType.STOP_MONITOR, Map.of()));
        assertThat(stopped.facts()).containsEntry(StopMonitorHandler.FACT_ROWS_CHECKED, 3)
                .containsEntry(StopMonitorHandler.FACT_DRIFT_REPORTS, 0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> drift.all().isEmpty());
    }

    @Test
    void aRestartedMonitorResumesFromItsStoredOffsetWithoutCheckingEarlierRowsAgain() throws Exception {
        Instant startedAt = start();
        insert(1, 300);
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsCheckedSince(startedAt) >= 300);
        StepEvent firstStop = bus.run(command(StepType.STOP_MONITOR, Map.of()));
        assertThat(firstStop.facts()).containsEntry(StopMonitorHandler.FACT_ROWS_CHECKED, 300)
                .containsEntry(StopMonitorHandler.FACT_BACKLOG, 0);

        insert(301, 350); // while no monitor runs: the restarted one must still check these
        Instant restartedAt = start();
        insert(351, 450);
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsCheckedSince(restartedAt) >= 150);
        StepEvent secondStop = bus.run(command(StepType.STOP_MONITOR, Map.of()));
        assertThat(secondStop.facts())
                .as("150 rows changed since the first stop, none of the 300 before it checked again")
                .containsEntry(StopMonitorHandler.FACT_ROWS_CHECKED, 150)
                .containsEntry(StopMonitorHandler.FACT_DRIFT_REPORTS, 0);
        assertThat(drift.all()).isEmpty();
    }

    /**
     * Starts the monitor, inserts 100 rows and waits until they are checked; stops it, updates rows
     * 17 and 18 and deletes row 19 on the source, waits for the target to apply that, optionally
     * alters those rows on the target alone, and starts the monitor again. Returns when it restarted.
     */
    private Instant checkedWorkloadThenRestart(boolean alterTarget) throws Exception {
        Instant startedAt = start();
        insert(1, 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsCheckedSince(startedAt) >= 100);
        StepEvent stopped = bus.run(command(StepType.STOP_MONITOR, Map.of()));
        assertThat(stopped.facts()).containsEntry(StopMonitorHandler.FACT_ROWS_CHECKED, 100)
                .containsEntry(StopMonitorHandler.FACT_DRIFT_REPORTS, 0);

        servers.admin(servers.source(), "UPDATE " + table + " SET payload='changed' WHERE id IN (17, 18)",
                "DELETE FROM " + table + " WHERE id = 19");
        servers.awaitTargetApplied(Duration.ofSeconds(20));
        if (alterTarget) {
            servers.admin(servers.target(), "SET sql_log_bin=0",
                    "UPDATE " + table + " SET payload='drifted' WHERE id = 17",
                    "DELETE FROM " + table + " WHERE id = 18",
                    "INSERT INTO " + table + " (id, payload) VALUES (19, 'extra')");
        }
        return start();
    }

    private Instant start() {
        Instant at = Instant.now();
        StepEvent started = bus.run(command(StepType.START_MONITOR,
                Map.of(StepParams.CLUSTER, TARGET, StepParams.SOURCE_CLUSTER, SOURCE)));
        assertThat(started.kind()).as("START_MONITOR: %s", started.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        return at;
    }

    /** Inserts rows {@code from..to} on the source, one autocommit transaction each. */
    private void insert(int from, int to) throws SQLException {
        try (Connection connection = servers.source().connect(stack.accounts().app());
                Statement sql = connection.createStatement()) {
            for (int id = from; id <= to; id++) {
                sql.executeUpdate("INSERT INTO " + table + " (id, payload) VALUES (" + id + ", 'row-" + id + "')");
            }
        }
    }

    private long rowsCheckedSince(Instant from) {
        return bus.samplesSince(from).stream().mapToLong(LagSample::rowsChecked).filter(count -> count > 0).sum();
    }

    private StepCommand command(StepType type, Map<String, ?> params) {
        steps++;
        return StepCommand.issue(planId, steps + "-" + type, type, params, 1, Instant.now().plus(Duration.ofMinutes(10)), 0,
                Clock.systemUTC());
    }
}
