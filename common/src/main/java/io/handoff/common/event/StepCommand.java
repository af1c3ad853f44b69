package io.handoff.common.event;

import io.handoff.common.Require;
import io.handoff.common.json.JsonValues;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An order from the planner to one executor to perform one step of a plan, published on
 * {@link Executor#commandTopic()} of {@link #executor()} with the plan id as key.
 *
 * <p>Idempotency: {@code commandId} identifies one attempt of one step and is the key executors
 * deduplicate on; a redelivered command (same commandId) must not act twice. Executors refuse a
 * command whose {@code fencingEpoch} is older than the highest they have seen for the cluster, and
 * one whose {@code deadline} has passed.
 *
 * @param eventId       unique id of this record (UUID)
 * @param planId        the plan, also the Kafka key
 * @param occurredAt    when the planner issued the command
 * @param schemaVersion schema version of this record, {@value #SCHEMA_VERSION} today
 * @param stepId        the step within the plan
 * @param commandId     id of this attempt of the step, the deduplication key
 * @param type          what to do
 * @param params        step parameters, JSON-shaped (see {@link JsonValues}); cluster names, never passwords
 * @param attempt       attempt number, from 1
 * @param deadline      after this instant the command must not start any more
 * @param fencingEpoch  fencing epoch of the plan's flip (invariant 5 of docs/DESIGN.md), from 0
 */
public record StepCommand(
        String eventId,
        String planId,
        Instant occurredAt,
        int schemaVersion,
        String stepId,
        String commandId,
        StepType type,
        Map<String, Object> params,
        int attempt,
        Instant deadline,
        long fencingEpoch) implements HandoffEvent {

    /** The {@link HandoffEvent#eventType()} of step commands. */
    public static final String TYPE = "handoff.step-command";
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates every component and copies {@code params}. */
    public StepCommand {
        EventEnvelope.validate("StepCommand", eventId, planId, occurredAt, schemaVersion);
        Require.nonBlank(stepId, "StepCommand.stepId");
        Require.nonBlank(commandId, "StepCommand.commandId");
        Require.nonNull(type, "StepCommand.type");
        params = JsonValues.canonicalMap(params, "StepCommand.params");
        Require.atLeast(attempt, 1, "StepCommand.attempt");
        Require.nonNull(deadline, "StepCommand.deadline");
        Require.atLeast(fencingEpoch, 0, "StepCommand.fencingEpoch");
    }

    /** The same command (same ids, times and attempt) with {@code newParams}. */
    public StepCommand withParams(Map<String, Object> newParams) {
        return new StepCommand(eventId, planId, occurredAt, schemaVersion, stepId, commandId, type, newParams, attempt,
                deadline, fencingEpoch);
    }

    /**
     * A new command with a fresh event id and the deterministic {@link #commandIdFor command id} of
     * this plan, step and attempt, so that a planner re-issuing the same attempt after a restart
     * produces a duplicate that executors recognise.
     */
    public static StepCommand issue(String planId, String stepId, StepType type, Map<String, ?> params,
            int attempt, Instant deadline, long fencingEpoch, Clock clock) {
        Require.nonBlank(planId, "StepCommand.planId");
        Require.nonBlank(stepId, "StepCommand.stepId");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) params;
        return new StepCommand(HandoffEvent.newEventId(), planId, clock.instant(), SCHEMA_VERSION, stepId,
                commandIdFor(planId, stepId, attempt), type, values, attempt, deadline, fencingEpoch);
    }

    /** The command id of one attempt of one step: a name-based UUID of plan id, step id and attempt. */
    public static String commandIdFor(String planId, String stepId, int attempt) {
        String name = planId + '\u0000' + stepId + '\u0000' + attempt;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The next attempt of this step: same type, params and epoch, a new deadline and command id. */
    public StepCommand nextAttempt(Instant newDeadline, Clock clock) {
        return issue(planId, stepId, type, params, attempt + 1, newDeadline, fencingEpoch, clock);
    }

    /** The executor this command goes to, given by its step type. */
    public Executor executor() {
        return type.executor();
    }

    /** {@code true} when {@code now} is after the deadline: the command must not start. */
    public boolean pastDeadline(Instant now) {
        return now.isAfter(deadline);
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
