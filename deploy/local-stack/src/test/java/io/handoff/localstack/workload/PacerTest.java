package io.handoff.localstack.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * MS);

    @Test
    void unlimitedRateNeverWaits() {
        Pacer pacer = Pacer.of(0, now::get);

        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.reserve()).isZero();
    }

    @Test
    void slotsLieOnAFixedGridSoLateWakeUpsDoNotDrift() {
        Pacer pacer = Pacer.of(3, now::get); // 333.33... ms apart: rounding must not add up

        assertThat(pacer.reserve()).isZero();
        for (int k = 1; k <= 300; k++) {
            long waited = pacer.reserve();
            long due = 1_000 * MS + Math.round(k * 1e9 / 3);
            assertThat(now.get() + waited).isEqualTo(due);
            now.set(due + 7 * MS); // every caller wakes up 7 ms late
        }
        assertThat(now.get() - 7 * MS).isEqualTo(1_000 * MS + 100_000 * MS);
    }

    @Test
    void threadsSharingAPacerGetConsecutiveSlots() {
        Pacer pacer = Pacer.of(100, now::get);

        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.reserve()).isEqualTo(10 * MS);
        assertThat(pacer.reserve()).isEqualTo(20 * MS);
    }

    @Test
    void slotsMissedByMoreThanASecondAreDroppedNotBurst() {
        Pacer pacer = Pacer.of(100, now::get);
        pacer.reserve();

        now.addAndGet(5_000 * MS); // an outage: 500 slots missed
        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.reserve()).isEqualTo(10 * MS);
    }

    @Test
    void slotsMissedByLessThanASecondAreCaughtUp() {
        Pacer pacer = Pacer.of(100, now::get);
        pacer.reserve();

        now.addAndGet(500 * MS);
        for (int k = 0; k < 50; k++) {
            assertThat(pacer.reserve()).isZero();
        }
        assertThat(pacer.reserve()).isEqualTo(10 * MS);
    }
}
