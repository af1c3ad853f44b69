package io.handoff.localstack.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCapAndStartsOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));

        assertThat(millis(backoff, 5)).containsExactly(10L, 20L, 40L, 50L, 50L);
        backoff.reset();
        assertThat(millis(backoff, 1)).containsExactly(10L);
    }

    private static Long[] millis(Backoff backoff, int count) {
        Long[] delays = new Long[count];
        for (int i = 0; i < count; i++) {
            delays[i] = Duration.ofNanos(backoff.nextDelayNanos()).toMillis();
        }
        return delays;
    }
}
