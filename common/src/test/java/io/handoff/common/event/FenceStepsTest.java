package io.handoff.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FenceStepsTest {
    private static final Instant SENT = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void eachStepOfAFenceHasItsOwnDeadlineFromWhenItStartsNeverPastTheFences() {
        List<FenceSteps.Step> steps = List.of(
                new FenceSteps.Step("02-read-only-source", StepType.READ_ONLY, Map.of(StepParams.CLUSTER, "source"), Map.of(), 1,
                        60_000),
                new FenceSteps.Step("06-wait-sync-target", StepType.WAIT_SYNC, Map.of(StepParams.CLUSTER, "target"), Map.of(), 1,
                        35_000),
                new FenceSteps.Step("09-writable-target", StepType.WRITABLE, Map.of(StepParams.CLUSTER, "target"), Map.of(), 1));
        StepCommand fence = StepCommand.issue("p1", "02-read-only-source", StepType.FENCE, FenceSteps.params(steps), 1,
                SENT.plus(Duration.ofSeconds(95)), 3, Clock.fixed(SENT, ZoneOffset.UTC));
        List<FenceSteps.Step> read = FenceSteps.of(Json.fromJson(Json.toJson(fence), StepCommand.class));
        assertThat(read).isEqualTo(steps);

        Instant first = SENT.plusMillis(50);
        assertThat(FenceSteps.command(fence, read.get(0), Map.of(), Clock.fixed(first, ZoneOffset.UTC)).deadline())
                .isEqualTo(first.plusSeconds(60));
        Instant late = SENT.plusSeconds(80);
        assertThat(FenceSteps.command(fence, read.get(1), Map.of(), Clock.fixed(late, ZoneOffset.UTC)).deadline())
                .as("its own 35 s would end after the fence's deadline").isEqualTo(SENT.plusSeconds(95));
        assertThat(FenceSteps.command(fence, read.get(2), Map.of(), Clock.fixed(first, ZoneOffset.UTC)).deadline())
                .as("no timeout of its own: the fence's").isEqualTo(SENT.plusSeconds(95));
    }
}
