package io.handoff.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.DriftKind;
import io.handoff.verify.RowDiff.RowImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowDiffTest {

    private static RowImage keyed(long id, String hash) {
        return new RowImage(List.of(Long.toString(id)), Map.of("id", id), hash);
    }

    private static RowImage content(String line, String hash) {
        return new RowImage(List.of(hash), Map.of("line", line), hash);
    }

    @Test
    void rowsPairByKey() {
        Map<List<String>, Difference> differences = RowDiff.compare("s.t", true,
                List.of(keyed(1, "a"), keyed(2, "b"), keyed(3, "c")),
                List.of(keyed(1, "a"), keyed(2, "B"), keyed(4, "d")));
        assertThat(differences.values()).containsExactlyInAnyOrder(
                Difference.row("s.t", Map.of("id", 2L), DriftKind.DIFFERENT),
                Difference.row("s.t", Map.of("id", 3L), DriftKind.MISSING),
                Difference.row("s.t", Map.of("id", 4L), DriftKind.EXTRA));
    }

    @Test
    void withoutKeyRowsCompareAsMultisets() {
        Map<List<String>, Difference> differences = RowDiff.compare("s.t", false,
                List.of(content("x", "hx"), content("x", "hx"), content("y", "hy")),
                List.of(content("x", "hx"), content("y2", "hy2"), content("y", "hy")));
        assertThat(differences.values()).containsExactlyInAnyOrder(
                Difference.row("s.t", Map.of("line", "x"), DriftKind.MISSING),
                Difference.row("s.t", Map.of("line", "y2"), DriftKind.EXTRA));
    }

    @Test
    void onlyWhatDiffersEveryTimeIsKept() {
        Map<List<String>, Difference> first = RowDiff.compare("s.t", true,
                List.of(keyed(1, "a"), keyed(2, "b")), List.of(keyed(1, "a0"), keyed(2, "b0")));
        Map<List<String>, Difference> second = RowDiff.compare("s.t", true,
                List.of(keyed(1, "a"), keyed(2, "b")), List.of(keyed(1, "a"), keyed(3, "c")));
        assertThat(RowDiff.stillDiffering(first, second).values())
                .containsExactly(Difference.row("s.t", Map.of("id", 2L), DriftKind.MISSING));
    }
}
