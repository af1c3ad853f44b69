package io.handoff.monitor.messaging;

import io.handoff.common.event.StepCommand;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.kit.steps.CommandRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code handoff.commands.monitor} and runs each command with the {@link CommandRunner}.
 *
 * <p>Delivery: at least once. Commands run one at a time on a worker thread, in partition order. A
 * command is acknowledged (its offset committed) only when this method returns, that is after its
 * outcome was published on {@code handoff.step-events}. What escapes (an undecodable payload, an
 * outcome Kafka did not accept) nacks it, and {@code failure-strategy=fail} stops the channel without
 * committing, so that a restarted service reads it again. START_MONITOR and STOP_MONITOR converge
 * (a running monitor is not started twice), so a redelivery has no second effect.
 */
@ApplicationScoped
public class MonitorCommandConsumer {
    private final CommandRunner runner;

    public MonitorCommandConsumer(CommandRunner runner) {
        this.runner = runner;
    }

    @Incoming(Topics.COMMANDS_MONITOR)
    @Blocking(ordered = true)
    public void consume(String payload) {
        runner.run(Json.fromJson(payload, StepCommand.class));
    }
}
