package io.handoff.dns.messaging;

import io.handoff.common.event.StepCommand;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.common.event.StepType;
import io.handoff.kit.steps.AtOnceRunner;
import io.handoff.kit.steps.CommandRunner;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code handoff.commands.dns} and runs each command with the {@link CommandRunner}.
 *
 * <p>Delivery: at least once. Commands run one at a time on a worker thread, in partition order
 * ({@code @Blocking} is ordered). A command is acknowledged, and its offset committed, only when this
 * method returns, i.e. after its outcome was published on {@code handoff.step-events}. If it throws
 * (an undecodable payload, or the outcome could not be published) the command is nacked and the
 * channel's failure strategy ({@code fail}, see application.properties) stops consumption without
 * committing it, so a restarted service receives it again; the handlers converge and the runner
 * dedupes by command id, so a redelivery has no second effect.
 */
@ApplicationScoped
public class DnsCommandConsumer {
    private final CommandRunner runner;
    private final AtOnceRunner atOnce;

    public DnsCommandConsumer(CommandRunner runner, AtOnceRunner atOnce) {
        this.runner = runner;
        this.atOnce = atOnce;
    }

    @Incoming(Topics.COMMANDS_DNS)
    @Blocking
    public void consume(String payload) {
        StepCommand command = Json.fromJson(payload, StepCommand.class);
        if (command.type() == StepType.DNS_SWITCHES) {
            atOnce.run(command);
        } else {
            runner.run(command);
        }
    }
}
