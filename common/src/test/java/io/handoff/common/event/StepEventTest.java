package io.handoff.common.event;

import static io.handoff.common.event.TestEvents.CLOCK;
import static io.handoff.common.event.TestEvents.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepEventTest {

    private final StepCommand command = TestEvents.command();

    @Test
    void factoriesCopyPlanStepCommandAndAttemptFromTheCommand() {
        for (StepEvent event : new StepEvent[] {
                StepEvent.started(command, CLOCK),
                StepEvent.succeeded(command, Map.of("gtid", "0-1-9"), CLOCK),
                StepEvent.failed(command, Failure.transientFailure("timeout", null), Map.of(), CLOCK)}) {
            assertThat(event.planId()).isEqualTo(command.planId());
            assertThat(event.stepId()).isEqualTo(command.stepId());
            assertThat(event.commandId()).isEqualTo(command.commandId());
            assertThat(event.attempt()).isEqualTo(command.attempt());
            assertThat(event.eventId()).isNotEqualTo(command.eventId());
            assertThat(event.occurredAt()).isEqualTo(NOW);
            assertThat(event.eventType()).isEqualTo("handoff.step-event");
        }
    }

    @Test
    void eachFactorySetsItsKind() {
        assertThat(StepEvent.started(command, CLOCK).kind()).isEqualTo(StepEventKind.STARTED);
        assertThat(TestEvents.succeeded().kind()).isEqualTo(StepEventKind.SUCCEEDED);
        assertThat(TestEvents.failed().kind()).isEqualTo(StepEventKind.FAILED);
    }

    @Test
    void failureSaysWhetherToRetryAndWhatStateWasLeft() {
        Failure failure = TestEvents.failed().failure();

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason()).contains("SUPER");
        assertThat(failure.recoverableState()).isEqualTo("A writable, B replicating");
        assertThat(Failure.transientFailure("lost connection", null).retryable()).isTrue();
    }

    @Test
    void failedEventWithoutFailureIsRefused() {
        assertThatThrownBy(() -> new StepEvent(HandoffEvent.newEventId(), "p", NOW, 1, "s", "c", 1,
                StepEventKind.FAILED, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StepEvent.failure must be given when kind is FAILED");
    }

    @Test
    void succeededEventWithFailureIsRefused() {
        assertThatThrownBy(() -> new StepEvent(HandoffEvent.newEventId(), "p", NOW, 1, "s", "c", 1,
                StepEventKind.SUCCEEDED, Map.of(), Failure.terminal("x", null)))
                .hasMessageContaining("StepEvent.failure must be null when kind is SUCCEEDED");
    }

    @Test
    void failureNeedsAReason() {
        assertThatThrownBy(() -> Failure.terminal("", null)).hasMessageContaining("Failure.reason must not be blank");
    }
}
