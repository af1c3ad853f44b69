package io.handoff.common.event;

import static io.handoff.common.event.TestEvents.CLOCK;
import static io.handoff.common.event.TestEvents.NOW;
import static io.handoff.common.event.TestEvents.PLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.topic.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepCommandTest {

    @Test
    void issuedCommandCarriesAFullEnvelope() {
        StepCommand command = TestEvents.command();

        assertThat(command.eventId()).hasSize(36);
        assertThat(command.planId()).isEqualTo(PLAN);
        assertThat(command.eventType()).isEqualTo("handoff.step-command");
        assertThat(command.occurredAt()).isEqualTo(NOW);
        assertThat(command.schemaVersion()).isEqualTo(StepCommand.SCHEMA_VERSION);
    }

    @Test
    void commandGoesToTheTopicOfItsStepTypesExecutor() {
        assertThat(TestEvents.command().executor()).isEqualTo(Executor.CUTOVER);
        assertThat(TestEvents.command().executor().commandTopic()).isEqualTo(Topics.COMMANDS_CUTOVER);
    }

    @Test
    void reissuingTheSameAttemptKeepsTheCommandIdSoExecutorsDeduplicate() {
        StepCommand first = TestEvents.command();
        StepCommand again = TestEvents.command();

        assertThat(again.commandId()).isEqualTo(first.commandId());
        assertThat(again.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void nextAttemptHasANewCommandIdAndTheSameStep() {
        StepCommand first = TestEvents.command();
        StepCommand second = first.nextAttempt(NOW.plusSeconds(120), CLOCK);

        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.commandId()).isNotEqualTo(first.commandId()).isEqualTo(StepCommand.commandIdFor(PLAN, first.stepId(), 2));
        assertThat(second.stepId()).isEqualTo(first.stepId());
        assertThat(second.type()).isEqualTo(first.type());
        assertThat(second.params()).isEqualTo(first.params());
        assertThat(second.fencingEpoch()).isEqualTo(first.fencingEpoch());
        assertThat(second.deadline()).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void commandPastItsDeadlineMustNotStart() {
        StepCommand command = TestEvents.command();

        assertThat(command.pastDeadline(command.deadline())).isFalse();
        assertThat(command.pastDeadline(command.deadline().plusMillis(1))).isTrue();
    }

    @Test
    void blankPlanIdIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new StepCommand(HandoffEvent.newEventId(), " ", NOW, 1, "s", "c", StepType.SEED,
                Map.of(), 1, NOW, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StepCommand.planId must not be blank");
    }

    @Test
    void eventIdMustBeAUuid() {
        assertThatThrownBy(() -> new StepCommand("e-1", PLAN, NOW, 1, "s", "c", StepType.SEED, Map.of(), 1, NOW, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StepCommand.eventId must be a UUID");
    }

    @Test
    void requiredFieldsAreChecked() {
        String id = HandoffEvent.newEventId();
        assertThatThrownBy(() -> new StepCommand(id, PLAN, NOW, 1, "s", "c", null, Map.of(), 1, NOW, 0))
                .hasMessageContaining("StepCommand.type must not be null");
        assertThatThrownBy(() -> new StepCommand(id, PLAN, NOW, 1, "s", "c", StepType.SEED, Map.of(), 0, NOW, 0))
                .hasMessageContaining("StepCommand.attempt must be >= 1");
        assertThatThrownBy(() -> new StepCommand(id, PLAN, NOW, 1, "s", "c", StepType.SEED, Map.of(), 1, null, 0))
                .hasMessageContaining("StepCommand.deadline must not be null");
        assertThatThrownBy(() -> new StepCommand(id, PLAN, NOW, 1, "s", "c", StepType.SEED, Map.of(), 1, NOW, -1))
                .hasMessageContaining("StepCommand.fencingEpoch must be >= 0");
        assertThatThrownBy(() -> new StepCommand(id, PLAN, null, 1, "s", "c", StepType.SEED, Map.of(), 1, NOW, 0))
                .hasMessageContaining("StepCommand.occurredAt must not be null");
        assertThatThrownBy(() -> new StepCommand(id, PLAN, NOW, 0, "s", "c", StepType.SEED, Map.of(), 1, NOW, 0))
                .hasMessageContaining("StepCommand.schemaVersion must be >= 1");
    }

    @Test
    void paramsAreCopiedSoTheCallerCannotChangeTheCommand() {
        Map<String, Object> params = new HashMap<>();
        params.put("users", new java.util.ArrayList<>(List.of("app")));
        StepCommand command = StepCommand.issue(PLAN, "s", StepType.KILL_CONNECTIONS, params, 1, NOW, 0, CLOCK);

        params.put("extra", 1);
        assertThat(command.params()).containsOnlyKeys("users");
        assertThatThrownBy(() -> command.params().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> users = (List<Object>) command.params().get("users");
        assertThatThrownBy(() -> users.add("root")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void paramsKeepNullValuesAndDefaultToEmpty() {
        assertThat(TestEvents.command().params()).containsEntry("note", null);
        assertThat(StepCommand.issue(PLAN, "s", StepType.SEED, null, 1, NOW, 0, CLOCK).params()).isEmpty();
    }

    @Test
    void paramsAreStoredInTheirJsonShape() {
        StepCommand command = StepCommand.issue(PLAN, "s", StepType.SEED,
                Map.of("since", Instant.parse("2026-01-01T00:00:00Z"), "type", StepType.SEED, "count", 7L), 1, NOW, 0, CLOCK);

        assertThat(command.params())
                .containsEntry("since", "2026-01-01T00:00:00Z")
                .containsEntry("type", "SEED")
                .containsEntry("count", 7);
    }
}
