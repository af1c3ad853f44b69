package io.handoff.kit.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The executor's ledger of completed commands and applied epochs ({@code handoff.executor.ledger.*}). */
@ConfigMapping(prefix = "handoff.executor.ledger")
public interface LedgerConfig {

    /** How many completed commands are remembered (their terminal reports), oldest dropped first. */
    @WithDefault("10000")
    int completedCommands();

    /** How long one poll of {@code handoff.step-events} waits for records. */
    @WithDefault("500ms")
    Duration pollTimeout();

    /** Pause before trying again when Kafka does not answer during the rebuild. */
    @WithDefault("1s")
    Duration retryBackoff();
}
