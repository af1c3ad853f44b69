package io.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTextTest {

    @Test
    void theStepTableStaysAlignedWithLongStepNames() throws Exception {
        JsonNode plan = new ObjectMapper().readTree("""
                {"id": "p1", "name": "n", "source": "a", "target": "b", "order": "writable-first", "status": "RUNNING",
                 "steps": [
                   {"stepId": "01-read-only-source", "type": "READ_ONLY", "executor": "source", "state": "SUCCEEDED", "durationMs": 12},
                   {"stepId": "16-check-health-storefront-europe-west-primary", "type": "CHECK_APPLICATION_HEALTH",
                    "executor": "storefront-europe-west", "state": "PENDING"}],
                 "rollback": {"stepId": "rollback", "type": "ROLLBACK", "executor": "source", "state": "NOT_NEEDED"}}
                """);

        List<String> lines = PlanText.timeline(plan);
        List<String> table = lines.subList(1, lines.size());
        int typeColumn = table.get(0).indexOf("TYPE");
        int stateColumn = table.get(0).indexOf("STATE");

        assertThat(table).hasSize(4).allSatisfy(line -> {
            assertThat(line.charAt(typeColumn - 1)).as(line).isEqualTo(' ');
            assertThat(line.substring(typeColumn)).as(line).doesNotStartWith(" ");
            assertThat(line.substring(stateColumn)).as(line).doesNotStartWith(" ");
        });
        assertThat(table.get(2).substring(stateColumn)).startsWith("PENDING");
        assertThat(PlanText.stepLine(plan, "1", plan.path("steps").get(0))).isEqualTo(table.get(1));
    }

    @Test
    void eachFenceIsShownWithItsStepsAndItsTotalOnceItFinished() throws Exception {
        JsonNode plan = new ObjectMapper().readTree("""
                {"id": "p1", "name": "n", "source": "a", "target": "b", "order": "writable-first", "status": "RUNNING",
                 "steps": [],
                 "fences": [
                   {"stepIds": ["02-read-only-source", "05-flush-tables-source", "09-writable-target"], "totalMs": 84},
                   {"stepIds": ["12-reset-replica-source", "14-reset-replica-target"], "totalMs": null}]}
                """);

        assertThat(PlanText.timeline(plan)).endsWith(
                "fence: 3 steps 02-read-only-source .. 09-writable-target in one command, 84 ms",
                "fence: 2 steps 12-reset-replica-source .. 14-reset-replica-target in one command, not finished");
    }

    @Test
    void theSnapshotOfTheOldMasterSaysWhereItRanAgainstTheWriteBlockedWindow() throws Exception {
        JsonNode plan = new ObjectMapper().readTree("""
                {"id": "p1", "name": "n", "source": "a", "target": "b", "order": "writable-first", "status": "COMPLETED",
                 "steps": [
                   {"stepId": "02-read-only-source", "type": "READ_ONLY", "state": "SUCCEEDED",
                    "finishedAt": "2026-12-04T10:00:00.100Z"},
                   {"stepId": "09-writable-target", "type": "WRITABLE", "state": "SUCCEEDED",
                    "finishedAt": "2026-12-04T10:00:00.300Z"},
                   {"stepId": "12-snapshot-source", "type": "SNAPSHOT", "state": "SUCCEEDED",
                    "startedAt": "2026-12-04T10:00:00.750Z", "durationMs": 4200}]}
                """);

        assertThat(PlanText.timeline(plan)).last().isEqualTo("snapshot: 12-snapshot-source ran outside the write-blocked"
                + " window: it started 450 ms after 09-writable-target made the new master writable, took 4200 ms");
        assertThat(PlanText.snapshotLine(new ObjectMapper().readTree("{\"steps\": []}"))).isEmpty();
    }

    @Test
    void aRunningSeedShowsItsProgressAndAFinishedOneItsFacts() throws Exception {
        JsonNode plan = new ObjectMapper().readTree("""
                {"id": "p1", "name": "n", "source": "a", "target": "b", "order": "writable-first", "status": "RUNNING",
                 "steps": [
                   {"stepId": "03-seed-target", "type": "SEED", "executor": "cutover", "state": "RUNNING",
                    "facts": {"rows": 1200000, "bytes": 47185920, "rowsPerSecond": 60000, "estimatedRows": 2000000, "percent": 60,
                              "secondsLeft": 13, "chunksDone": 12, "chunksTotal": 20, "tables": {"shop.orders": 1200000}}},
                   {"stepId": "04-seed-target", "type": "SEED", "executor": "cutover", "state": "SUCCEEDED",
                    "facts": {"rows": 2000000, "chunks": 20}}]}
                """);

        assertThat(PlanText.stepLine(plan, "3", plan.path("steps").get(0))).endsWith("1,200,000 of about 2,000,000 rows (60 %),"
                + " 45 MiB, 60,000 rows/s, about 13 s left, chunks 12/20");
        assertThat(PlanText.progress(plan.path("steps").get(1))).isEmpty();
        assertThat(PlanText.stepLine(plan, "4", plan.path("steps").get(1))).contains("rows=2000000");
    }

    @Test
    void aRunningSeedNamesTheSessionsWaitingForAMetadataLock() throws Exception {
        JsonNode step = new ObjectMapper().readTree("""
                {"stepId": "03-seed-target", "type": "SEED", "executor": "cutover", "state": "RUNNING",
                 "facts": {"rows": 10, "bytes": 0, "rowsPerSecond": 5, "estimatedRows": 0, "chunksDone": 1, "chunksTotal": 2,
                           "waitingForMetadataLock": ["session 42 (app@10.0.0.5:53422) 12 s"]}}
                """);

        assertThat(PlanText.progress(step)).hasValue("10 rows, 0 MiB, 5 rows/s, chunks 1/2; waiting for a metadata lock on the"
                + " source (DDL on a table the seed has read waits until it ends): session 42 (app@10.0.0.5:53422) 12 s");
    }
}
