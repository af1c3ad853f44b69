package io.handoff.common.event;

import io.handoff.common.topic.Topics;

/** The services that execute step commands, each reading its own command topic. */
public enum Executor {

    /** cutover-service: every SQL side effect on source and target. */
    CUTOVER(Topics.COMMANDS_CUTOVER),
    /** dns-service: Route 53 records. */
    DNS(Topics.COMMANDS_DNS),
    /** replication-monitor: lag, drift and verification. */
    MONITOR(Topics.COMMANDS_MONITOR),
    /**
     * planner-service itself: the steps it decides from what it observes (the monitor's lag samples, its own probes of
     * a health check), confirming or failing them without sending a command.
     */
    PLANNER(null);

    private final String commandTopic;

    Executor(String commandTopic) {
        this.commandTopic = commandTopic;
    }

    /**
     * The topic this executor consumes its {@link StepCommand}s from.
     *
     * @throws IllegalStateException for {@link #PLANNER}, which is sent no command
     */
    public String commandTopic() {
        if (commandTopic == null) {
            throw new IllegalStateException("the planner decides its own steps: no command is sent to it");
        }
        return commandTopic;
    }
}
