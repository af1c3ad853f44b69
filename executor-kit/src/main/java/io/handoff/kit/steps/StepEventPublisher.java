package io.handoff.kit.steps;

import io.handoff.common.event.StepEvent;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.kit.messaging.KeyedSender;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes step events on {@code handoff.step-events}, keyed by plan id so that one plan's events
 * stay in order. {@link #publish} returns once the broker acknowledged the record.
 */
@ApplicationScoped
public class StepEventPublisher {
    private final Emitter<String> emitter;

    public StepEventPublisher(@Channel(Topics.STEP_EVENTS) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Sends {@code event} and waits for the broker's acknowledgement. */
    public void publish(StepEvent event) {
        KeyedSender.sendAndWait(emitter, event.planId(), Json.toJson(event));
    }
}
