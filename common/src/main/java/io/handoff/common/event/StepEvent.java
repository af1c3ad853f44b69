package io.handoff.common.event;

import io.handoff.common.Require;
import io.handoff.common.json.JsonValues;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * An executor's report on a {@link StepCommand}: started, succeeded or failed, published on
 * {@code handoff.step-events} with the plan id as key. The planner matches it to its command by
 * {@code commandId}; a command redelivered after it succeeded is reported as succeeded again with
 * the same facts, which is what makes redelivery harmless.
 *
 * @param eventId       unique id of this record (UUID)
 * @param planId        the plan, also the Kafka key
 * @param occurredAt    when the executor observed what it reports
 * @param schemaVersion schema version of this record, {@value #SCHEMA_VERSION} today
 * @param stepId        the step of the command
 * @param commandId     the command reported on
 * @param attempt       the command's attempt number
 * @param kind          started, progress, succeeded or failed
 * @param facts         measurements and results (positions, durations, old and new DNS values), JSON-shaped
 * @param failure       present exactly when {@code kind} is {@link StepEventKind#FAILED}
 */
public record StepEvent(
        String eventId,
        String planId,
        Instant occurredAt,
        int schemaVersion,
        String stepId,
        String commandId,
        int attempt,
        StepEventKind kind,
        Map<String, Object> facts,
        Failure failure) implements HandoffEvent {

    /** The {@link HandoffEvent#eventType()} of step events. */
    public static final String TYPE = "handoff.step-event";
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates every component, including that a failure is given exactly for failed steps. */
    public StepEvent {
        EventEnvelope.validate("StepEvent", eventId, planId, occurredAt, schemaVersion);
        Require.nonBlank(stepId, "StepEvent.stepId");
        Require.nonBlank(commandId, "StepEvent.commandId");
        Require.atLeast(attempt, 1, "StepEvent.attempt");
        Require.nonNull(kind, "StepEvent.kind");
        facts = JsonValues.canonicalMap(facts, "StepEvent.facts");
        if (kind == StepEventKind.FAILED && failure == null) {
            throw new IllegalArgumentException("StepEvent.failure must be given when kind is FAILED");
        }
        if (kind != StepEventKind.FAILED && failure != null) {
            throw new IllegalArgumentException("StepEvent.failure must be null when kind is " + kind);
        }
    }

    /** The executor began {@code command}. */
    public static StepEvent started(StepCommand command, Clock clock) {
        return of(command, StepEventKind.STARTED, Map.of(), null, clock);
    }

    /** {@code command} is still running; {@code facts} say how far it got. */
    public static StepEvent progress(StepCommand command, Map<String, ?> facts, Clock clock) {
        return of(command, StepEventKind.PROGRESS, facts, null, clock);
    }

    /** {@code command} reached its effect; {@code facts} describe it. */
    public static StepEvent succeeded(StepCommand command, Map<String, ?> facts, Clock clock) {
        return of(command, StepEventKind.SUCCEEDED, facts, null, clock);
    }

    /** {@code command} failed; {@code facts} hold what was measured before the failure. */
    public static StepEvent failed(StepCommand command, Failure failure, Map<String, ?> facts, Clock clock) {
        return of(command, StepEventKind.FAILED, facts, Require.nonNull(failure, "StepEvent.failure"), clock);
    }

    private static StepEvent of(StepCommand command, StepEventKind kind, Map<String, ?> facts, Failure failure, Clock clock) {
        Require.nonNull(command, "StepEvent command");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) facts;
        return new StepEvent(HandoffEvent.newEventId(), command.planId(), clock.instant(), SCHEMA_VERSION,
                command.stepId(), command.commandId(), command.attempt(), kind, values, failure);
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
