package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.demo.DrillRig.Flip;
import io.handoff.localstack.workload.WritesTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault drill (issue 9): the target's replication breaks in the middle of the prepare phase. A whole
 * migration runs (PRECHECK, RETAIN_BINLOG, SEED by mysqldump, START_REPLICATION, START_MONITOR,
 * WAIT_CAUGHT_UP, VERIFY, then the writable-first flip) with two applications writing through DNS. Once
 * the monitor samples the lag, a row is written on the replica (without binlogging, as a careless
 * operator would) and the same key by an application on the source: the replica's SQL thread stops on
 * the duplicate key (error 1062), as it does in production.
 *
 * <p>What a DBA expects, and what the drill checks: the plan does not go on while the target is
 * broken. WAIT_CAUGHT_UP's gate holds (the replicated heartbeat stops, so the lag grows above the
 * threshold), nothing after it is sent, no write is fenced, the source stays the only writable server,
 * and the step says what it waits for. Then the operator repairs the replica (deletes the stray row,
 * starts the SQL thread again); the replica applies the source's row, the lag falls, the gate opens and
 * the plan runs to COMPLETED with docs/DESIGN.md's invariants holding and the source's row on the new master.
 */
class ReplicationBrokenMidPrepareDrillIT {
    /** Longer than the caught-up run the gate needs, so that only a repaired replica can open it. */
    private static final Duration BROKEN_FOR = Duration.ofSeconds(15);
    private static final String CAUGHT_UP_FOR = "10s";
    /** A key the workload never writes (its ids count up from 1). */
    private static final long CONFLICTING_ID = -9;

    private static DrillRig rig;

    @BeforeAll
    static void startEverything() throws Exception {
        rig = DrillRig.startMigration("replication-broken-drill");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (rig != null) {
            try {
                rig.cleanUp();
            } finally {
                rig.close();
            }
        }
    }

    @Test
    void replicaStoppedByAConflictingRowHoldsTheCaughtUpGateUntilTheOperatorRepairsItThenTheMigrationCompletes()
            throws Exception {
        Instant began = Instant.now();
        Flip flip = new Flip("source", "target");
        String table = WritesTable.qualifiedName(FlipScenario.schema("storefront"));
        try (WritableMastersWatch watch = rig.watch()) {
            String planId = rig.submit(flip, "writable-first",
                    Map.of("maxLagMs", DrillRig.MIGRATION_MAX_LAG_MS, "caughtUpFor", CAUGHT_UP_FOR), List.of());
            rig.awaitStep(planId, "START_MONITOR", Set.of("SUCCEEDED"));

            rig.pair().executeUnlogged("target", "INSERT INTO " + table + " (id, application, thread) VALUES ("
                    + CONFLICTING_ID + ", 'written on the replica', 0)");
            rig.pair().execute("source", "INSERT INTO " + table + " (id, application, thread) VALUES ("
                    + CONFLICTING_ID + ", 'storefront', 0)");
            await("the replica's SQL thread stopped on the duplicate key").atMost(Duration.ofSeconds(30))
                    .until(() -> rig.pair().applier("target"), state -> state.startsWith("No 1062"));

            // Held: WAIT_CAUGHT_UP waits, nothing after it is sent, for longer than its gate needs.
            await("WAIT_CAUGHT_UP holds while the replica is broken").during(BROKEN_FOR).atMost(BROKEN_FOR.plusSeconds(15))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        JsonNode view = rig.services().planner().get(planId);
                        return "RUNNING".equals(view.path("status").asText())
                                && "WAITING".equals(DrillRig.step(view, "WAIT_CAUGHT_UP").path("state").asText())
                                && "PENDING".equals(DrillRig.step(view, "VERIFY").path("state").asText())
                                && "PENDING".equals(DrillRig.step(view, "READ_ONLY").path("state").asText());
                    });
            assertThat(DrillRig.step(rig.services().planner().get(planId), "WAIT_CAUGHT_UP").path("facts").path("waitingFor").asText())
                    .as("what WAIT_CAUGHT_UP says it waits for").contains("above " + DrillRig.MIGRATION_MAX_LAG_MS + " ms")
                    .contains("target's replication SQL thread is stopped").contains("Duplicate entry");
            assertThat(rig.pair().writableClusters()).as("writable servers while the replica is broken").containsExactly("source");
            assertThat(rig.pair().applier("target")).as("the replica, still broken").startsWith("No 1062");

            // The operator's repair: the stray row goes (unlogged), the SQL thread applies the source's row.
            rig.pair().executeUnlogged("target", "DELETE FROM " + table + " WHERE id = " + CONFLICTING_ID);
            rig.pair().execute("target", "START SLAVE");

            rig.assertDrillCompleted("target replication broken (duplicate key) during WAIT_CAUGHT_UP, repaired", planId,
                    flip, watch, began);
            JsonNode view = rig.services().planner().get(planId);
            assertThat(DrillRig.step(view, "WAIT_CAUGHT_UP").path("facts").path("waitedMs").asLong())
                    .as("WAIT_CAUGHT_UP's wait").isGreaterThanOrEqualTo(BROKEN_FOR.toMillis());
            assertThat(DrillRig.step(view, "VERIFY").path("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(applicationOf(CONFLICTING_ID, table)).as("the source's row on the new master").isEqualTo("storefront");
        }
    }

    private static String applicationOf(long id, String table) throws Exception {
        try (Connection connection = rig.stack().target().connect(rig.stack().accounts().admin());
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT application FROM " + table + " WHERE id = " + id)) {
            return row.next() ? row.getString(1) : "(no row " + id + ")";
        }
    }
}
