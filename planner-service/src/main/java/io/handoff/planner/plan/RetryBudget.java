package io.handoff.planner.plan;

import io.handoff.planner.config.PlannerConfig;
import java.time.Duration;

/** How often a failed step is tried again and how long the planner waits before each new attempt. */
final class RetryBudget {
    private final PlannerConfig config;

    RetryBudget(PlannerConfig config) {
        this.config = config;
    }

    /**
     * How often {@code step} is retried: the rollback's budget is its own ({@link PlannerConfig#rollbackRetries()}),
     * and so is that of a flip step while the flip blocks writes ({@link PlannerConfig#flipRetries()}); a flip step
     * after the new master's WRITABLE (reversing replication, resetting a replica) gets the usual budget.
     */
    int retries(PlanRun run, StepRun step) {
        if (step == run.rollback()) {
            return config.rollbackRetries();
        }
        boolean writesBlocked = step.planned().phase() == Phase.FLIP && !run.newMasterWritable();
        return writesBlocked ? config.flipRetries() : config.retries();
    }

    /** Exponential: the configured backoff doubled for each attempt made, at most the configured maximum. */
    Duration backoff(int attemptsMade) {
        Duration backoff = config.retryBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attemptsMade - 1)));
        return backoff.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : backoff;
    }
}
