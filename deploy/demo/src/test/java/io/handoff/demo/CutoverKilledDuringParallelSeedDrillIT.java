package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.demo.DrillRig.Flip;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault drill (issue 20): cutover-service is killed with SIGKILL while a parallel SEED copies rows. A whole migration
 * runs (prepare phase with the parallel seed, then the writable-first flip) with two applications writing through
 * DNS; the source holds a ballast table large enough that its copy takes seconds. Once the source's process list
 * shows a seed worker reading the ballast, cutover-service is killed (its snapshot sessions die with it, its chunks
 * not yet committed are rolled back on the target) and started again.
 *
 * <p>Expected: the SEED command, never acknowledged, comes back to the restarted service, which seeds again from a
 * new snapshot (each table dropped and created again by the definitions' load: no duplicate, no half table), and the
 * plan completes with VERIFY finding no drift; the ballast is identical on both servers, and docs/DESIGN.md's
 * invariants hold.
 */
class CutoverKilledDuringParallelSeedDrillIT {
    private static final String SCHEMA = FlipScenario.schema("storefront");
    private static final String BALLAST = "`" + SCHEMA + "`.`ballast`";
    /** About 60 MB: its copy takes seconds on this machine. */
    private static final int BALLAST_ROWS = 150_000;

    private static DrillRig rig;

    @BeforeAll
    static void startEverything() throws Exception {
        rig = DrillRig.startMigration("cutover-killed-seed-drill", "parallel");
        rig.pair().execute("source", "CREATE TABLE " + BALLAST + " (id BIGINT PRIMARY KEY, payload VARCHAR(400) NOT NULL)");
        rig.pair().execute("source", "INSERT INTO " + BALLAST + " SELECT seq, REPEAT(MD5(seq), 12) FROM `" + SCHEMA + "`.seq_1_to_"
                + BALLAST_ROWS);
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
    void cutoverServiceKilledWhileTheParallelSeedCopiesSeedsAgainWholeAndTheMigrationCompletes() throws Exception {
        Instant began = Instant.now();
        Flip flip = new Flip("source", "target");
        try (WritableMastersWatch watch = rig.watch()) {
            String planId = rig.submit(flip, "writable-first");
            rig.awaitStep(planId, "SEED", Set.of("SCHEDULED", "RUNNING"));
            await("a seed worker reads the ballast").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                    .until(CutoverKilledDuringParallelSeedDrillIT::seedReadsTheBallast);

            assertThat(rig.services().get(HandoffService.CUTOVER).kill()).as("exit status of kill -9").isEqualTo(137);
            rig.services().get(HandoffService.CUTOVER).restart(DrillRig.READY);

            rig.assertDrillCompleted("kill -9 cutover-service while the parallel SEED copied", planId, flip, watch, began);
            JsonNode view = rig.services().planner().get(planId);
            assertThat(step(view, "SEED").path("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(step(view, "SEED").path("facts").path("method").asText()).isEqualTo("parallel");
            assertThat(step(view, "VERIFY").path("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(ballast(rig.stack().target())).as("the ballast on the target (rows, distinct keys, checksum)")
                    .isEqualTo(ballast(rig.stack().source())).startsWith(BALLAST_ROWS + " " + BALLAST_ROWS + " ");
        }
    }

    /** Whether a session on the source (a seed worker) is reading the ballast table. */
    private static boolean seedReadsTheBallast() throws SQLException {
        try (Connection connection = rig.stack().source().connect(rig.stack().accounts().admin());
                Statement sql = connection.createStatement();
                ResultSet count = sql.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                        + " WHERE INFO LIKE '%FROM `" + SCHEMA + "`.`ballast`%' AND ID <> CONNECTION_ID()")) {
            count.next();
            return count.getInt(1) > 0;
        }
    }

    /** "rows distinct-keys checksum" of the ballast table on {@code server}. */
    private static String ballast(DatabaseServer server) throws SQLException {
        try (Connection connection = server.connect(rig.stack().accounts().admin()); Statement sql = connection.createStatement()) {
            String counts;
            try (ResultSet count = sql.executeQuery("SELECT CONCAT(COUNT(*), ' ', COUNT(DISTINCT id)) FROM " + BALLAST)) {
                count.next();
                counts = count.getString(1);
            }
            try (ResultSet checksum = sql.executeQuery("CHECKSUM TABLE " + BALLAST)) {
                checksum.next();
                return counts + " " + checksum.getLong(2);
            }
        }
    }

    private static JsonNode step(JsonNode view, String type) {
        return StreamSupport.stream(view.path("steps").spliterator(), false)
                .filter(s -> type.equals(s.path("type").asText())).findFirst().orElseThrow();
    }
}
