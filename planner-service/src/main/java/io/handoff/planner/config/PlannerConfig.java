package io.handoff.planner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The planner's settings ({@code handoff.planner.*}). */
@ConfigMapping(prefix = "handoff.planner")
public interface PlannerConfig {

    /**
     * Names of the clusters plans may name. Only names: the planner never connects to a database,
     * so it holds no host and no password.
     */
    List<String> clusters();

    /** How long an executor may take to confirm a step (beyond the step's own timeout) before it counts as failed. */
    @WithDefault("60s")
    Duration stepTimeout();

    /**
     * How long an executor may take to confirm a step that copies or compares data (SEED, VERIFY,
     * SNAPSHOT) before it counts as failed; the executors' own limits (cutover's seed and snapshot
     * timeouts, the monitor's verify max duration) should be shorter.
     */
    @WithDefault("7h")
    Duration longStepTimeout();

    /**
     * How often a step whose failure the executor marked retryable is tried again (attempts after the first).
     * With the default backoff the attempts span about 31 s (1 + 2 + 4 + 8 + 16 s): a server restarting (crash
     * recovery, a failover) within that is ridden out instead of failing the plan.
     */
    @WithDefault("5")
    int retries();

    /**
     * {@link #retries()} for the flip phase's steps until the new master is writable: while the old master may be
     * fenced, applications wait for every retry, so a failure that does not clear quickly rolls back (which
     * unfences) instead. The flip's steps after the new master's WRITABLE get {@link #retries()}.
     */
    @WithDefault("2")
    int flipRetries();

    /**
     * {@link #retries()} for the rollback. The rollback is what makes the old master writable again: given up, it
     * leaves the plan FAILED with writes blocked until an operator acts, so it rides out longer outages (a server
     * restarting, crash recovery) than a flip step. With the default backoff the attempts span about 2 minutes
     * (1 + 2 + 4 + 8 + 16 + 30 + 30 + 30 s).
     */
    @WithDefault("8")
    int rollbackRetries();

    /** The wait before the first retry of a retryable failure; it doubles with each further attempt. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** The longest wait between two attempts of a step. */
    @WithDefault("30s")
    Duration maxRetryBackoff();

    /**
     * The Kafka {@code transactional.id} of the planner's producer. One planner runs a deployment's
     * plans at a time: a planner starting with the same id fences the previous one (its open
     * transaction is aborted, its further writes refused).
     */
    @WithDefault("handoff-planner")
    String transactionalId();

    /** The consumer group whose offsets on {@code handoff.step-events} commit with the planner's transactions. */
    @WithDefault("planner-service")
    String consumerGroup();
}
