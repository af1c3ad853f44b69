package io.handoff.planner.messaging;

import io.handoff.common.event.Executor;
import io.handoff.common.event.PlanEvent;
import io.handoff.common.event.StepCommand;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.kit.messaging.KeyedSender;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * What the planner sends: step commands on the executor's command topic and plan events on
 * {@code handoff.plans}, both keyed by plan id. Each send returns once Kafka acknowledged it.
 */
@ApplicationScoped
public class PlanMessaging {
    private final Emitter<String> cutover;
    private final Emitter<String> dns;
    private final Emitter<String> monitor;
    private final Emitter<String> plans;
    private final PlanEventBroadcaster broadcaster;

    public PlanMessaging(@Channel(Topics.COMMANDS_CUTOVER) Emitter<String> cutover,
            @Channel(Topics.COMMANDS_DNS) Emitter<String> dns,
            @Channel(Topics.COMMANDS_MONITOR) Emitter<String> monitor,
            @Channel(Topics.PLANS) Emitter<String> plans, PlanEventBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
        this.cutover = cutover;
        this.dns = dns;
        this.monitor = monitor;
        this.plans = plans;
    }

    public void send(StepCommand command) {
        KeyedSender.sendAndWait(emitterFor(command.executor()), command.planId(), Json.toJson(command));
    }

    /** Publishes on {@code handoff.plans}, then shows it to live watchers. */
    public void publish(PlanEvent event) {
        KeyedSender.sendAndWait(plans, event.planId(), Json.toJson(event));
        broadcaster.emit(event);
    }

    private Emitter<String> emitterFor(Executor executor) {
        return switch (executor) {
            case CUTOVER -> cutover;
            case DNS -> dns;
            case MONITOR -> monitor;
        };
    }
}
