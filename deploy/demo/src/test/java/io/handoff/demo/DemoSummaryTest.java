package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's summary figures and final checks, from plan views as the planner serves them. */
class DemoSummaryTest {

    private static JsonNode plan(String json) throws Exception {
        return Json.mapper().readTree(json.replace('\'', '"'));
    }

    @Test
    void seedAndVerifyFiguresComeFromTheirStepsFacts() throws Exception {
        JsonNode plan = plan("""
                {'steps': [
                  {'type': 'SEED', 'state': 'SUCCEEDED', 'durationMs': 2600,
                   'startedAt': '2026-01-01T00:00:00.500Z', 'finishedAt': '2026-01-01T00:00:02.500Z',
                   'facts': {'rows': 5000, 'bytes': 400000, 'method': 'mysqldump'}},
                  {'type': 'VERIFY', 'state': 'SUCCEEDED', 'durationMs': 900,
                   'facts': {'rows': 6000, 'durationMs': 750, 'rowsPerSecond': 8000, 'drift': 0}},
                  {'type': 'STOP_MONITOR', 'state': 'SUCCEEDED', 'facts': {'driftReports': 2}}
                ]}""");

        MigrationFigures figures = MigrationFigures.of(plan);

        assertThat(figures.seedRows()).isEqualTo(5000);
        assertThat(figures.seedBytes()).isEqualTo(400000);
        assertThat(figures.seedMs()).as("the executor's work, start to confirmation").isEqualTo(2000);
        assertThat(figures.seedRowsPerSecond()).isEqualTo(2500);
        assertThat(figures.seedBytesPerSecond()).isEqualTo(200000);
        assertThat(figures.seedThreads()).as("a dump is one stream").isNull();
        assertThat(figures.verifyRows()).isEqualTo(6000);
        assertThat(figures.verifyMs()).isEqualTo(750);
        assertThat(figures.verifyRowsPerSecond()).isEqualTo(8000);
        assertThat(figures.driftRows()).isZero();
        assertThat(figures.continuousDriftReports()).isEqualTo(2);
    }

    @Test
    void aSeedWithoutAStartTimeIsMeasuredFromSchedulingAndAPlanWithoutPrepareHasNoFigures() throws Exception {
        MigrationFigures seeded = MigrationFigures.of(plan("""
                {'steps': [{'type': 'SEED', 'state': 'SUCCEEDED', 'durationMs': 500,
                            'facts': {'rows': 100, 'bytes': 1000, 'method': 'parallel', 'threads': 4}},
                           {'type': 'VERIFY', 'state': 'SUCCEEDED', 'facts': {'rows': 10, 'durationMs': 0, 'drift': 3}}]}"""));
        assertThat(seeded.seedMs()).isEqualTo(500);
        assertThat(seeded.seedRowsPerSecond()).isEqualTo(200);
        assertThat(seeded.seedThreads()).isEqualTo(4);
        assertThat(seeded.verifyRowsPerSecond()).as("no rate reported, no time spent").isEqualTo(10);
        assertThat(seeded.driftRows()).isEqualTo(3);

        MigrationFigures flipOnly = MigrationFigures.of(plan("{'steps': [{'type': 'READ_ONLY', 'state': 'SUCCEEDED'}]}"));
        assertThat(flipOnly.seedRows()).isNull();
        assertThat(flipOnly.seedRowsPerSecond()).isNull();
        assertThat(flipOnly.driftRows()).isNull();
    }

    @Test
    void aFailedSeedGivesNoFigures() throws Exception {
        MigrationFigures figures = MigrationFigures.of(plan(
                "{'steps': [{'type': 'SEED', 'state': 'FAILED', 'durationMs': 10, 'facts': {'rows': 1}}]}"));
        assertThat(figures.seedRows()).isNull();
    }

    @Test
    void checksFailOnAnyMismatchAndTheSummaryNamesWhatWasSeen() throws Exception {
        DemoChecks checks = new DemoChecks()
                .equal("lostWrites", 0L, 0L)
                .allEqual("DNS", "127.0.0.3", Map.of("db.a.internal.example.", "127.0.0.3", "db.a.dc2.example.", "127.0.0.3"))
                .atLeast("seed rows", 1, 5L)
                .allAtLeast("writes", 1, Map.of("a", 3L));
        assertThat(checks.allPassed()).isTrue();

        checks.allEqual("DNS after flip back", "127.0.0.2", Map.of("db.a.internal.example.", "127.0.0.2",
                        "db.a.dc2.example.", "127.0.0.3"))
                .equal("flip back refused", 409, 201)
                .atLeast("verify rows", 1, null)
                .allAtLeast("writes until the end", 1, new LinkedHashMap<>(Map.of("a", 0L)))
                .allEqual("nothing seen", "x", Map.of());

        assertThat(checks.allPassed()).isFalse();
        assertThat(checks.failed()).extracting(DemoChecks.Check::name).containsExactly("DNS after flip back",
                "flip back refused", "verify rows", "writes until the end", "nothing seen");
        JsonNode summary = Json.mapper().valueToTree(checks.toSummary());
        assertThat(summary.path("passed")).hasSize(4);
        assertThat(summary.path("failed").get(1).path("seen").asText()).isEqualTo("201");
        assertThat(summary.path("failed").get(1).path("expected").asText()).isEqualTo("409");
    }

    @Test
    void thePointOfNoReturnHoldsOnlyWhenReachedUnreplicatedAndRefusingFlipBack() {
        PointOfNoReturn.Outcome held = new PointOfNoReturn.Outcome("p1", true, "SUCCEEDED", null, 300,
                PointOfNoReturn.NOT_A_REPLICA, 409, "refused with 409: past its point of no return");
        assertThat(held.holds()).isTrue();
        assertThat(new PointOfNoReturn.Outcome("p1", true, "SUCCEEDED", null, 300, "127.0.0.3 Yes Yes", 409, "").holds()).isFalse();
        assertThat(new PointOfNoReturn.Outcome("p1", false, "FAILED", "x", 300, PointOfNoReturn.NOT_A_REPLICA, 409, "").holds()).isFalse();
        assertThat(new PointOfNoReturn.Outcome("p1", true, "SUCCEEDED", null, 300, PointOfNoReturn.NOT_A_REPLICA, 201, "").holds()).isFalse();

        JsonNode json = Json.mapper().valueToTree(Map.of("pointOfNoReturn", held));
        assertThat(json.path("pointOfNoReturn").path("completed").asBoolean()).isTrue();
        assertThat(json.path("pointOfNoReturn").path("flipBackRefusedWith").asInt()).isEqualTo(409);
    }

    @Test
    void flagsTakeValuesOrStandAloneAsTrue() {
        assertThat(DemoOptions.flags(new String[] {"--flip-back", "--rate", "300", "--order", "dns-first", "--keep-running"}))
                .containsExactlyEntriesOf(new LinkedHashMap<>(Map.of()) {
                    {
                        put("--flip-back", "true");
                        put("--rate", "300");
                        put("--order", "dns-first");
                        put("--keep-running", "true");
                    }
                });
        assertThat(DemoOptions.flags(new String[] {"--flip-back", "false"})).containsEntry("--flip-back", "false");
        assertThat(List.of(DemoOptions.flags(new String[0]).keySet().toArray())).isEmpty();
    }
}
