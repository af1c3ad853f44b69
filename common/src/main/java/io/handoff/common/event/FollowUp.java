package io.handoff.common.event;

import io.handoff.common.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The command a {@link StepType#FENCE} command carries for the step after its last one, when that step belongs to
 * another executor and nothing but the fence's success decides it: the applications' DNS switch after the new master's
 * WRITABLE. cutover-service sends it on the other executor's command topic itself, once every step of the fence
 * succeeded and their events were acknowledged, instead of the planner sending it after a round trip through its own
 * log: the applications are switched one Kafka hop after WRITABLE rather than three.
 *
 * <p>It is the very command the planner sends when it sees the fence's last event (same command id, same params):
 * the planner still sends its copy, and the executor, which deduplicates on command ids, answers the second with the
 * outcome of the first. A crash of cutover-service before it sent the follow-up therefore loses nothing. The
 * follow-up's deadline is re-counted from when it is sent: a fence that waited long for the replica does not send a
 * command whose deadline has passed.
 */
public final class FollowUp {
    /** The FENCE param holding the follow-up command, as a JSON object. */
    public static final String THEN = "then";

    private FollowUp() {
    }

    /** {@code fence}'s params with {@code then} as its follow-up. */
    public static Map<String, Object> attach(Map<String, Object> fenceParams, StepCommand then) {
        Map<String, Object> params = new LinkedHashMap<>(fenceParams);
        @SuppressWarnings("unchecked")
        Map<String, Object> command = Json.mapper().convertValue(then, Map.class);
        params.put(THEN, command);
        return params;
    }

    /**
     * The follow-up {@code fence} carries, if any.
     *
     * @throws IllegalArgumentException when {@value #THEN} is there but is not a command
     */
    public static Optional<StepCommand> of(StepCommand fence) {
        Object then = fence.params().get(THEN);
        if (then == null) {
            return Optional.empty();
        }
        if (!(then instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("'" + THEN + "' of " + fence.type() + " is not a command");
        }
        return Optional.of(Json.mapper().convertValue(then, StepCommand.class));
    }

    /**
     * {@code then} as sent now: a fresh event id and time, and its deadline as far from now as it was from when the
     * planner built it.
     */
    public static StepCommand sentNow(StepCommand then, Clock clock) {
        Instant now = clock.instant();
        Duration allowance = Duration.between(then.occurredAt(), then.deadline());
        return new StepCommand(HandoffEvent.newEventId(), then.planId(), now, then.schemaVersion(), then.stepId(),
                then.commandId(), then.type(), then.params(), then.attempt(), now.plus(allowance), then.fencingEpoch());
    }
}
