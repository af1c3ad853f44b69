package io.handoff.cutover.messaging;

import io.handoff.common.event.FollowUp;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.json.Json;
import io.handoff.kit.messaging.KeyedSender;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Sends a FENCE command's {@link FollowUp} (the applications' DNS switch) on its executor's command topic, keyed by
 * plan id like the planner's commands, once every step of the fence succeeded; nothing otherwise. Best effort: the
 * planner sends the same command (same id) when it sees the fence's last event, so a send that fails, or a crash
 * before it, only costs the applications that round trip. Never throws: the FENCE command is acknowledged as usual.
 */
@ApplicationScoped
public class FollowUpSender {
    /** The outgoing channel; each record names its own topic (the follow-up's executor's). */
    static final String CHANNEL = "handoff.follow-ups";
    private static final Logger LOG = Logger.getLogger(FollowUpSender.class);

    private final Emitter<String> emitter;
    private final Clock clock = Clock.systemUTC();

    public FollowUpSender(@Channel(CHANNEL) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Sends {@code fence}'s follow-up if it carries one and {@code outcomes} are the success of each of its steps. */
    public void afterFence(StepCommand fence, List<StepEvent> outcomes) {
        Optional<StepCommand> then;
        try {
            then = FollowUp.of(fence);
        } catch (IllegalArgumentException e) {
            LOG.warnf("FENCE %s: %s; the planner sends the next step's command itself", fence.commandId(), e.getMessage());
            return;
        }
        if (then.isEmpty()) {
            return;
        }
        // The fence runs its steps until one does not succeed (FenceRunner): all ran when every outcome succeeded.
        boolean allSucceeded = !outcomes.isEmpty()
                && outcomes.stream().allMatch(outcome -> outcome.kind() == StepEventKind.SUCCEEDED);
        if (!allSucceeded) {
            LOG.infof("fence did not succeed: %s (%s) is not sent", then.get().stepId(), then.get().type());
            return;
        }
        StepCommand command = FollowUp.sentNow(then.get(), clock);
        String topic = command.executor().commandTopic();
        try {
            KeyedSender.send(emitter, topic, command.planId(), Json.toJson(command)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warnf("the follow-up %s (%s) was not accepted by Kafka (%s); the planner sends it", command.stepId(),
                            command.type(), failure.getMessage());
                }
            });
            LOG.infof("fence succeeded: sent %s (%s, command %s) to %s", command.stepId(), command.type(),
                    command.commandId(), topic);
        } catch (RuntimeException e) {
            LOG.warnf("the follow-up %s (%s) could not be sent (%s); the planner sends it", command.stepId(), command.type(),
                    e.getMessage());
        }
    }
}
