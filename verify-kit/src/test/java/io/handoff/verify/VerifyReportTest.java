package io.handoff.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.DriftKind;
import io.handoff.common.step.MonitorFacts;
import io.handoff.common.step.StepContracts;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VerifyReportTest {

    private static VerifyReport report(long drift, List<Difference> named) {
        return new VerifyReport(List.of("shop"), 2, 10_000, 12, 1, 400, List.of("shop.log"), drift, named);
    }

    @Test
    void factsCarryCountsRateAndEveryDifference() {
        MonitorFacts.Verify facts = report(1, List.of(Difference.row("shop.orders", Map.of("id", 7), DriftKind.MISSING)))
                .toFacts(1000);
        assertThat(facts.tables()).isEqualTo(2);
        assertThat(facts.rows()).isEqualTo(10_000L);
        assertThat(facts.chunks()).isEqualTo(12L);
        assertThat(facts.durationMs()).isEqualTo(400L);
        assertThat(facts.rowsPerSecond()).isEqualTo(25_000L);
        assertThat(facts.drift()).isEqualTo(1L);
        assertThat(facts.wholeTables()).containsExactly("shop.log");
        assertThat(facts.differencesTruncated()).isFalse();
        assertThat(facts.differences()).containsExactly(
                new MonitorFacts.Difference("shop.orders", Map.of("id", 7), "MISSING", null));
    }

    @Test
    void factsTravelAsTheFlatObjectTheyWereWithEachDifferenceAsTableKeyAndKind() {
        Map<String, Object> facts = StepContracts.facts(report(1, List.of(Difference.row("shop.orders", Map.of("id", 7),
                DriftKind.MISSING))).toFacts(1000));
        assertThat(facts).containsEntry(VerifyReport.FACT_SCHEMAS, List.of("shop")).containsEntry(VerifyReport.FACT_TABLES, 2)
                .containsEntry(VerifyReport.FACT_ROWS, 10_000).containsEntry(VerifyReport.FACT_RECHECKS, 1)
                .containsEntry(VerifyReport.FACT_DRIFT, 1).containsEntry(VerifyReport.FACT_DIFFERENCES_TRUNCATED, false)
                .containsEntry(VerifyReport.FACT_DIFFERENCES, List.of(Map.of("table", "shop.orders", "key", Map.of("id", 7),
                        "kind", "MISSING")));
    }

    @Test
    void listIsCutAtTheLimitButTheDriftCountStaysComplete() {
        List<Difference> named = IntStream.range(0, 50)
                .mapToObj(i -> Difference.row("shop.orders", Map.of("id", i), DriftKind.DIFFERENT)).toList();
        MonitorFacts.Verify facts = report(70, named).toFacts(10);
        assertThat(facts.differences()).hasSize(10);
        assertThat(facts.drift()).isEqualTo(70L);
        assertThat(facts.differencesTruncated()).isTrue();
    }

    @Test
    void listStaysWithinItsByteBudget() {
        String wide = "x".repeat(10_000);
        List<Difference> named = IntStream.range(0, 100)
                .mapToObj(i -> Difference.row("shop.log", Map.of("line", wide + i), DriftKind.EXTRA)).toList();
        MonitorFacts.Verify facts = report(100, named).toFacts(1000);
        assertThat(facts.differences()).hasSizeLessThan(VerifyReport.LISTED_BYTES / 10_000 + 1);
        assertThat(facts.differencesTruncated()).isTrue();
    }

    @Test
    void wholeTableDifferenceHasAnEmptyKeyAndSaysWhy() {
        MonitorFacts.Difference fact = Difference.table("shop.gone", DriftKind.MISSING, "table not on the target").toFact();
        assertThat(fact.key()).isEmpty();
        assertThat(fact.detail()).isEqualTo("table not on the target");
        assertThat(StepContracts.facts(new MonitorFacts.Verify(null, null, null, null, null, null, null, null, 1L,
                List.of(fact), false)).get(VerifyReport.FACT_DIFFERENCES)).asList().singleElement()
                .isEqualTo(Map.of("table", "shop.gone", "key", Map.of(), "kind", "MISSING", "detail", "table not on the target"));
    }
}
