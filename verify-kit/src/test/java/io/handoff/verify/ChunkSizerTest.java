package io.handoff.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChunkSizerTest {
    private static final Duration HALF_SECOND = Duration.ofMillis(500);

    @Test
    void firstChunkHasTheInitialSize() {
        assertThat(new ChunkSizer(HALF_SECOND, 1000, 10, 100_000).nextRows()).isEqualTo(1000);
        assertThat(new ChunkSizer(HALF_SECOND, 5, 10, 100_000).nextRows()).as("clamped to min").isEqualTo(10);
    }

    @Test
    void aSlowChunkShrinksTheNextToTheTargetTime() {
        ChunkSizer sizer = new ChunkSizer(HALF_SECOND, 1000, 10, 100_000);
        sizer.observe(1000, Duration.ofSeconds(2)); // 500 rows/s
        assertThat(sizer.nextRows()).isEqualTo(250);
    }

    @Test
    void aFastChunkGrowsTheNextAtMostFourfold() {
        ChunkSizer sizer = new ChunkSizer(HALF_SECOND, 1000, 10, 100_000);
        sizer.observe(1000, Duration.ofMillis(10)); // 100,000 rows/s: 50,000 rows per half second
        assertThat(sizer.nextRows()).isEqualTo(4000);
        sizer.observe(4000, Duration.ofMillis(40));
        assertThat(sizer.nextRows()).isEqualTo(16_000);
        sizer.observe(16_000, Duration.ofMillis(160));
        assertThat(sizer.nextRows()).isEqualTo(50_000);
    }

    @Test
    void rateIsAveragedSoOneOutlierMovesTheSizeHalfway() {
        ChunkSizer sizer = new ChunkSizer(HALF_SECOND, 1000, 10, 100_000);
        sizer.observe(1000, Duration.ofMillis(500)); // 2,000 rows/s: 1,000 rows
        assertThat(sizer.nextRows()).isEqualTo(1000);
        sizer.observe(1000, Duration.ofMillis(250)); // 4,000 rows/s; average 3,000 rows/s
        assertThat(sizer.nextRows()).isEqualTo(1500);
    }

    @Test
    void sizeStaysWithinBounds() {
        ChunkSizer sizer = new ChunkSizer(HALF_SECOND, 1000, 100, 2000);
        sizer.observe(1000, Duration.ofSeconds(100));
        assertThat(sizer.nextRows()).isEqualTo(100);
        for (int i = 0; i < 10; i++) {
            sizer.observe(sizer.nextRows(), Duration.ofNanos(1));
        }
        assertThat(sizer.nextRows()).isEqualTo(2000);
    }

    @Test
    void anEmptyChunkTeachesNothing() {
        ChunkSizer sizer = new ChunkSizer(HALF_SECOND, 1000, 10, 100_000);
        sizer.observe(0, Duration.ofSeconds(5));
        assertThat(sizer.nextRows()).isEqualTo(1000);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new ChunkSizer(Duration.ZERO, 1000, 10, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkSizer(HALF_SECOND, 1000, 0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkSizer(HALF_SECOND, 1000, 100, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
