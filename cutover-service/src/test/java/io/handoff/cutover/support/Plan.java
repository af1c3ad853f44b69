package io.handoff.cutover.support;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Issues the commands of one test's plan: a unique plan id, numbered steps, attempt 1. */
public final class Plan {
    private final String id = "plan-" + UUID.randomUUID();
    private int steps;

    public String id() {
        return id;
    }

    /** The first attempt of a new step. */
    public StepCommand command(StepType type, Map<String, ?> params) {
        steps++;
        return StepCommand.issue(id, steps + "-" + type, type, params, 1, Instant.now().plus(Duration.ofMinutes(10)), 0,
                Clock.systemUTC());
    }

    /** The next attempt of {@code command}: same step and params, a new command id. */
    public StepCommand retry(StepCommand command) {
        return command.nextAttempt(Instant.now().plus(Duration.ofMinutes(10)), Clock.systemUTC());
    }
}
