package io.handoff.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.DriftKind;
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
        Map<String, Object> facts = report(1, List.of(Difference.row("shop.orders", Map.of("id", 7), DriftKind.MISSING)))
                .toFacts(1000);
        assertThat(facts).containsEntry(VerifyReport.FACT_TABLES, 2).containsEntry(VerifyReport.FACT_ROWS, 10_000L)
                .containsEntry(VerifyReport.FACT_CHUNKS, 12L).containsEntry(VerifyReport.FACT_DURATION_MS, 400L)
                .containsEntry(VerifyReport.FACT_ROWS_PER_SECOND, 25_000L).containsEntry(VerifyReport.FACT_DRIFT, 1L)
                .containsEntry(VerifyReport.FACT_WHOLE_TABLES, List.of("shop.log"))
                .containsEntry(VerifyReport.FACT_DIFFERENCES_TRUNCATED, false)
                .containsEntry(VerifyReport.FACT_DIFFERENCES, List.of(Map.of("table", "shop.orders", "key", Map.of("id", 7),
                        "kind", "MISSING")));
    }

    @Test
    void listIsCutAtTheLimitButTheDriftCountStaysComplete() {
        List<Difference> named = IntStream.range(0, 50)
                .mapToObj(i -> Difference.row("shop.orders", Map.of("id", i), DriftKind.DIFFERENT)).toList();
        Map<String, Object> facts = report(70, named).toFacts(10);
        assertThat(facts.get(VerifyReport.FACT_DIFFERENCES)).asList().hasSize(10);
        assertThat(facts).containsEntry(VerifyReport.FACT_DRIFT, 70L).containsEntry(VerifyReport.FACT_DIFFERENCES_TRUNCATED, true);
    }

    @Test
    void listStaysWithinItsByteBudget() {
        String wide = "x".repeat(10_000);
        List<Difference> named = IntStream.range(0, 100)
                .mapToObj(i -> Difference.row("shop.log", Map.of("line", wide + i), DriftKind.EXTRA)).toList();
        Map<String, Object> facts = report(100, named).toFacts(1000);
        assertThat(facts.get(VerifyReport.FACT_DIFFERENCES)).asList().hasSizeLessThan(VerifyReport.LISTED_BYTES / 10_000 + 1);
        assertThat(facts).containsEntry(VerifyReport.FACT_DIFFERENCES_TRUNCATED, true);
    }

    @Test
    void wholeTableDifferenceHasAnEmptyKeyAndSaysWhy() {
        assertThat(Difference.table("shop.gone", DriftKind.MISSING, "table not on the target").toFact())
                .containsEntry("key", Map.of()).containsEntry("detail", "table not on the target");
    }
}
