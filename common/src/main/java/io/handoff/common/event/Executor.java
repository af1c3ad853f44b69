package io.handoff.common.event;

import io.handoff.common.topic.Topics;

/** The services that execute step commands, each reading its own command topic. */
public enum Executor {

    /** cutover-service: every SQL side effect on source and target. */
    CUTOVER(Topics.COMMANDS_CUTOVER),
    /** dns-service: Route 53 records. */
    DNS(Topics.COMMANDS_DNS),
    /** replication-monitor: lag, drift and verification. */
    MONITOR(Topics.COMMANDS_MONITOR);

    private final String commandTopic;

    Executor(String commandTopic) {
        this.commandTopic = commandTopic;
    }

    /** The topic this executor consumes its {@link StepCommand}s from. */
    public String commandTopic() {
        return commandTopic;
    }
}
