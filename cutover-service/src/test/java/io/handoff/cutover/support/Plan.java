package io.handoff.cutover.support;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Issues the commands of one test's plan: a unique plan id, numbered steps, attempt 1, and the plan's fencing
 * epoch: the time the plan was made, so that a later test's plan is never older than an earlier one's on the
 * servers they share (epochs are kept per server, whatever registry name a test uses).
 */
public final class Plan {
    private final String id = "plan-" + UUID.randomUUID();
    private final long epoch = System.currentTimeMillis();
    private int steps;

    public String id() {
        return id;
    }

    /** The plan's fencing epoch, the same for every command. */
    public long epoch() {
        return epoch;
    }

    /** The first attempt of a new step. */
    public StepCommand command(StepType type, Map<String, ?> params) {
        steps++;
        return StepCommand.issue(id, steps + "-" + type, type, params, 1, Instant.now().plus(Duration.ofMinutes(10)), epoch,
                Clock.systemUTC());
    }

    /** The next attempt of {@code command}: same step and params, a new command id. */
    public StepCommand retry(StepCommand command) {
        return command.nextAttempt(Instant.now().plus(Duration.ofMinutes(10)), Clock.systemUTC());
    }
}
