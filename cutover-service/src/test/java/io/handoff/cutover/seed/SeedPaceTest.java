package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedPaceTest {
    private long now = 1_000_000_000L;
    private final List<Long> slept = new ArrayList<>();

    private void sleep(long nanos) {
        slept.add(nanos);
        now += nanos;
    }

    @Test
    void rowsBeyondTheRateWaitUntilTheyFitIt() throws Exception {
        SeedPace pace = new SeedPace(1_000, 0, () -> 0, () -> now, this::sleep);

        pace.rowsWritten(500);
        pace.rowsWritten(500);
        now += 200_000_000L;
        pace.rowsWritten(1_000);

        assertThat(slept).containsExactly(500_000_000L, 500_000_000L, 800_000_000L);
        assertThat(now - 1_000_000_000L).as("2,000 rows at 1,000 rows/s").isEqualTo(2_000_000_000L);
    }

    @Test
    void withoutARateNothingWaits() throws Exception {
        SeedPace pace = new SeedPace(0, 0, () -> 1_000, () -> now, this::sleep);

        pace.rowsWritten(1_000_000);
        pace.beforeChunk();

        assertThat(slept).isEmpty();
    }

    @Test
    void aBusySourceHoldsNewChunksUntilItsLoadFallsAndIsReadAtMostOnceASecond() throws Exception {
        Deque<Long> load = new ArrayDeque<>(List.of(40L, 30L, 10L, 99L, 5L));
        List<Long> reads = new ArrayList<>();
        SeedPace pace = new SeedPace(0, 25, () -> {
            reads.add(now);
            return load.poll();
        }, () -> now, this::sleep);

        pace.beforeChunk();
        assertThat(slept).as("paused twice, one second each").containsExactly(1_000_000_000L, 1_000_000_000L);
        assertThat(reads).hasSize(3);

        now += 100_000_000L;
        pace.beforeChunk();
        assertThat(reads).as("not read again within the second").hasSize(3);
        now += 1_000_000_000L;
        pace.beforeChunk();
        assertThat(reads).as("99 running, then 5").hasSize(5);
        assertThat(slept).as("99 running: paused again").hasSize(3);
    }
}
