package io.handoff.kit.steps;

import io.handoff.common.event.StepEvent;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.kit.messaging.KeyedSender;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes step events on {@code handoff.step-events}, keyed by plan id so that one plan's events
 * stay in order. {@link #publish} returns once the broker acknowledged the record.
 */
@ApplicationScoped
public class StepEventPublisher {
    private final Emitter<String> emitter;
    private final ThreadLocal<List<CompletableFuture<Void>>> deferred = new ThreadLocal<>();

    public StepEventPublisher(@Channel(Topics.STEP_EVENTS) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends {@code event} and waits for the broker's acknowledgement, unless it is sent inside
     * {@link #acknowledgedTogether}: then the wait is at the end of it.
     */
    public void publish(StepEvent event) {
        List<CompletableFuture<Void>> batch = deferred.get();
        if (batch == null) {
            KeyedSender.sendAndWait(emitter, event.planId(), Json.toJson(event));
        } else {
            batch.add(KeyedSender.send(emitter, event.planId(), Json.toJson(event)));
        }
    }

    /**
     * Sends {@code event} without waiting, from any thread; the returned future completes when the broker acknowledged
     * it. Events sent one after the other from one thread, or under one lock, keep their order (one producer, one key).
     */
    public CompletableFuture<Void> sendWithoutWaiting(StepEvent event) {
        return KeyedSender.send(emitter, event.planId(), Json.toJson(event));
    }

    /**
     * Sends {@code event} and waits for the broker's acknowledgement of it (and so of every event sent before it on
     * this thread: one producer, one key), even inside {@link #acknowledgedTogether}.
     */
    public void publishAcknowledged(StepEvent event) {
        publish(event);
        List<CompletableFuture<Void>> batch = deferred.get();
        if (batch != null) {
            for (CompletableFuture<Void> acked : batch) {
                KeyedSender.await(acked);
            }
        }
    }

    /**
     * Runs {@code work}, whose events on this thread are sent at once and in order (one producer, one key) without
     * waiting for each acknowledgement; returns once every one of them was acknowledged. For work whose events need
     * not be durable before its next effect: a crash in between loses at most events of steps that run again (they
     * converge) when the command that caused them is redelivered, which it is, since it is acknowledged only after
     * this returns.
     */
    public <T> T acknowledgedTogether(Supplier<T> work) {
        if (deferred.get() != null) {
            return work.get();
        }
        List<CompletableFuture<Void>> batch = new ArrayList<>();
        deferred.set(batch);
        try {
            return work.get();
        } finally {
            deferred.remove();
            for (CompletableFuture<Void> acked : batch) {
                KeyedSender.await(acked);
            }
        }
    }
}
