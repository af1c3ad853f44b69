package io.handoff.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.json.Json;
import io.handoff.common.step.CutoverFacts;
import io.handoff.common.step.FactBinding;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
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
                new FenceSteps.Step("02-read-only-source", new StepParameters.ReadOnly("source", null, null, "target"),
                        List.of(), 1, 60_000),
                new FenceSteps.Step("06-wait-sync-target", new StepParameters.WaitSync("target", "source", null, null, null),
                        List.of(), 1, 35_000),
                new FenceSteps.Step("09-writable-target", new StepParameters.Writable("target", null, null), List.of(), 1));
        StepCommand fence = StepCommand.issue("p1", "02-read-only-source", StepType.FENCE,
                StepContracts.params(new StepParameters.Fence(steps)), 1,
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

    @Test
    void aParamBoundToAnEarlierStepOfTheFenceIsFilledFromTheFactsThatStepReportedAndRefusedWithoutThem() {
        FenceSteps.Step reverse = new FenceSteps.Step("11-reverse", new StepParameters.ReverseReplication("source", "target",
                null, null, false, null), List.of(FactBinding.position("08-capture")), 1);
        StepCommand fence = StepCommand.issue("p1", "08-capture", StepType.FENCE, StepContracts.params(
                new StepParameters.Fence(List.of(new FenceSteps.Step("08-capture", new StepParameters.CapturePosition(
                        "target", "source", null, null), List.of(), 1), reverse))), 1, SENT.plusSeconds(60), 3,
                Clock.fixed(SENT, ZoneOffset.UTC));

        StepCommand command = FenceSteps.command(fence, reverse, Map.of("08-capture",
                new CutoverFacts.CapturePosition("uuid:1-43", "target")), Clock.systemUTC());

        assertThat(StepContracts.decode(command, StepParameters.ReverseReplication.class).position()).isEqualTo("uuid:1-43");
        assertThatThrownBy(() -> FenceSteps.command(fence, reverse, Map.of("08-capture",
                new CutoverFacts.CapturePosition(null, "target")), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("11-reverse needs fact 'position' of 08-capture, which was not reported");
    }

    @Test
    void aStepOfAnotherExecutorInAFenceIsRefused() {
        StepCommand fence = StepCommand.issue("p1", "10-switch", StepType.FENCE, StepContracts.params(
                new StepParameters.Fence(List.of(new FenceSteps.Step("10-switch", new StepParameters.SwitchDns("storefront",
                        List.of(), null), List.of(), 1)))), 1, SENT.plusSeconds(60), 3, Clock.fixed(SENT, ZoneOffset.UTC));
        assertThatThrownBy(() -> FenceSteps.of(fence)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SWITCH_DNS is not executed by the CUTOVER service that runs FENCE");
    }
}
