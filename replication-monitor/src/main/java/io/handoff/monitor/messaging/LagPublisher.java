package io.handoff.monitor.messaging;

import io.handoff.common.event.LagSample;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes {@link LagSample}s on {@code handoff.replication.lag}, keyed by plan id. Does not wait
 * for the broker: a sampler thread must keep its schedule even while Kafka is slow. Samples are
 * measurements, superseded by the next one; one that Kafka refuses (or that does not fit the
 * emitter's buffer while Kafka is away) is lost and reported through {@code outcome}.
 */
@ApplicationScoped
public class LagPublisher {
    private final Emitter<String> emitter;

    public LagPublisher(@Channel(Topics.REPLICATION_LAG) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends {@code sample}; {@code outcome} receives {@code null} once Kafka acknowledged it, or the
     * failure. Called on the plan's sampler thread; {@code outcome} runs on a Kafka thread.
     */
    public void publish(LagSample sample, Consumer<Throwable> outcome) {
        Message<String> message = Message.of(Json.toJson(sample))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(sample.planId()).build())
                .withAck(() -> {
                    outcome.accept(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    outcome.accept(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException bufferFullOrClosed) {
            outcome.accept(bufferFullOrClosed);
        }
    }
}
