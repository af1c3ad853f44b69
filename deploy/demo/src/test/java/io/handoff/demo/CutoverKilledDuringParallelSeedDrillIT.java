package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.demo.DrillRig.Flip;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
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
 * <p>Expected: the SEED command, never acknowledged, comes back to the restarted service, which goes on from the
 * chunks the killed attempt finished (recorded on the target with their rows), checked against a new snapshot, and
 * copies the rest (no duplicate, no half chunk); the plan completes with VERIFY finding no drift; the ballast is
 * identical on both servers, and docs/DESIGN.md's invariants hold.
 */
class CutoverKilledDuringParallelSeedDrillIT {
    private static final String SCHEMA = FlipScenario.schema("storefront");
    private static DrillRig rig;
    private static SeedBallast ballast;

    @BeforeAll
    static void startEverything() throws Exception {
        rig = DrillRig.startMigration("cutover-killed-seed-drill", "parallel");
        ballast = new SeedBallast(rig, SCHEMA);
        ballast.create();
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
    void cutoverServiceKilledWhileTheParallelSeedCopiesGoesOnFromItsFinishedChunksAndTheMigrationCompletes() throws Exception {
        Instant began = Instant.now();
        Flip flip = new Flip("source", "target");
        try (WritableMastersWatch watch = rig.watch()) {
            String planId = rig.submit(flip, "writable-first");
            rig.awaitStep(planId, "SEED", Set.of("SCHEDULED", "RUNNING"));
            await("a seed worker reads the ballast, another chunk is done").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> ballast.readWith("FROM `" + SCHEMA + "`.`ballast`") && ballast.chunksDoneOnTarget() > 0);
            long doneBeforeKill = ballast.chunksDoneOnTarget();

            assertThat(rig.services().get(HandoffService.CUTOVER).kill()).as("exit status of kill -9").isEqualTo(137);
            rig.services().get(HandoffService.CUTOVER).restart(DrillRig.READY);

            rig.assertDrillCompleted("kill -9 cutover-service while the parallel SEED copied", planId, flip, watch, began);
            JsonNode view = rig.services().planner().get(planId);
            assertThat(DrillRig.step(view, "SEED").path("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(DrillRig.step(view, "SEED").path("facts").path("method").asText()).isEqualTo("parallel");
            JsonNode seedFacts = DrillRig.step(view, "SEED").path("facts");
            assertThat(seedFacts.path("chunksKept").asLong() + seedFacts.path("chunksRecopied").asLong())
                    .as("chunks the killed attempt finished, checked and not copied again unless changed: " + seedFacts)
                    .isGreaterThanOrEqualTo(doneBeforeKill);
            assertThat(DrillRig.step(view, "VERIFY").path("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(ballast.state(rig.stack().target())).as("the ballast on the target (rows, distinct keys, checksum)")
                    .isEqualTo(ballast.state(rig.stack().source())).startsWith(SeedBallast.ROWS + " " + SeedBallast.ROWS + " ");
        }
    }
}
