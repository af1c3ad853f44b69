package io.handoff.planner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the planner checks handoff's Kafka topics at start ({@code handoff.topics.*}) against
 * {@code io.handoff.common.topic.TopicRequirements}: it runs no plan while a topic is missing or unsafe.
 */
@ConfigMapping(prefix = "handoff.topics")
public interface TopicsConfig {

    /**
     * Create missing topics with the required settings (the local stack and ./demo). Off by default: in a
     * deployment the topics come from {@code handoff topics} (the init job), and a missing one is reported.
     * Unsafe settings of existing topics are never changed by the planner ({@code handoff topics --fix} does).
     */
    @WithDefault("false")
    boolean create();

    /** The replication factor every topic must have at least, and new topics get (3 recommended in production). */
    @WithDefault("1")
    int replicationFactor();

    /** Partitions of a topic the planner creates. */
    @WithDefault("3")
    int partitions();

    /** How often topics found unsafe are checked again; the planner runs plans once they are safe. */
    @WithDefault("10s")
    Duration recheckInterval();

    /** How long one check waits for Kafka. */
    @WithDefault("15s")
    Duration checkTimeout();
}
