package io.handoff.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.json.Json;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowUpTest {
    private static final Instant BUILT = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aFenceCarriesItsFollowUpThroughJsonAndItIsSentWithItsDeadlineCountedFromNow() {
        StepCommand then = StepCommand.issue("p1", "10-switch-dns-storefront", StepType.SWITCH_DNS,
                Map.of(StepParams.APPLICATION, "storefront"), 1, BUILT.plus(Duration.ofSeconds(60)), 7,
                Clock.fixed(BUILT, ZoneOffset.UTC));
        StepCommand fence = StepCommand.issue("p1", "02-read-only-source", StepType.FENCE,
                FollowUp.attach(StepContracts.params(new StepParameters.Fence(List.of(new FenceSteps.Step(
                        "02-read-only-source", new StepParameters.ReadOnly("source", null, null, null), List.of(), 1)))), then), 1, BUILT.plus(Duration.ofMinutes(5)), 7,
                Clock.fixed(BUILT, ZoneOffset.UTC));

        StepCommand carried = FollowUp.of(Json.fromJson(Json.toJson(fence), StepCommand.class)).orElseThrow();
        assertThat(carried).isEqualTo(then);
        assertThat(FenceSteps.of(fence)).extracting(FenceSteps.Step::stepId).containsExactly("02-read-only-source");

        Instant later = BUILT.plus(Duration.ofMinutes(3));
        StepCommand sent = FollowUp.sentNow(carried, Clock.fixed(later, ZoneOffset.UTC));
        assertThat(sent.commandId()).isEqualTo(then.commandId());
        assertThat(sent.eventId()).isNotEqualTo(then.eventId());
        assertThat(sent.occurredAt()).isEqualTo(later);
        assertThat(sent.deadline()).isEqualTo(later.plus(Duration.ofSeconds(60)));
    }

    @Test
    void aFenceWithoutFollowUpHasNoneAndAMalformedOneIsRefused() {
        StepCommand plain = StepCommand.issue("p1", "s", StepType.FENCE, Map.of(), 1, BUILT, 1, Clock.systemUTC());
        assertThat(FollowUp.of(plain)).isEmpty();
        StepCommand bad = StepCommand.issue("p1", "s", StepType.FENCE, Map.of(FollowUp.THEN, "switch"), 1, BUILT, 1,
                Clock.systemUTC());
        assertThatThrownBy(() -> FollowUp.of(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("then");
    }
}
