package io.handoff.kit.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends a JSON record with a Kafka key through an {@link Emitter} and waits for the broker's
 * acknowledgement, so that the caller knows the record is durable before it acknowledges what caused
 * it. Keys are plan ids: one plan's records stay in order on one partition.
 */
public final class KeyedSender {
    /**
     * Longer than the producer's own {@code delivery.timeout.ms} (120 s by default), which keeps retrying through a
     * broker restart: a send fails when Kafka gives up, with Kafka's reason, not before. At 30 s, a broker killed
     * with SIGKILL and recovering its logs outlasted it, the executor's command channel failed and stopped, and the
     * plan's next steps timed out (found by the broker SIGKILL drill).
     */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(130);

    private KeyedSender() {
    }

    /** Sends {@code json} with {@code key} and blocks until Kafka acknowledged it. */
    public static void sendAndWait(Emitter<String> emitter, String key, String json) {
        await(send(emitter, key, json));
    }

    /** Sends {@code json} with {@code key}; the future completes when Kafka acknowledged it. */
    public static CompletableFuture<Void> send(Emitter<String> emitter, String key, String json) {
        return send(emitter, OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build(), json);
    }

    /** Sends {@code json} with {@code key} to {@code topic} instead of the channel's; completes when Kafka acknowledged it. */
    public static CompletableFuture<Void> send(Emitter<String> emitter, String topic, String key, String json) {
        return send(emitter, OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build(), json);
    }

    private static CompletableFuture<Void> send(Emitter<String> emitter, OutgoingKafkaRecordMetadata<String> metadata,
            String json) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of(json)
                .addMetadata(metadata)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }

    /** Blocks until {@code acked} completes: Kafka acknowledged the record. */
    public static void await(CompletableFuture<Void> acked) {
        try {
            acked.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("record not accepted by Kafka: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("record not acknowledged by Kafka within " + ACK_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to Kafka", e);
        }
    }
}
