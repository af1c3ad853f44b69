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

    /** How often a step whose failure the executor marked retryable is tried again (attempts after the first). */
    @WithDefault("2")
    int retries();
}
