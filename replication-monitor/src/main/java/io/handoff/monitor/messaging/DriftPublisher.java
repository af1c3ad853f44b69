package io.handoff.monitor.messaging;

import io.handoff.common.event.DriftReport;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import io.handoff.common.event.DriftKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes {@link DriftReport}s on {@code handoff.replication.drift}, keyed by plan id, for continuous
 * drift checks and VERIFY alike, and counts each acknowledged one in {@value #DRIFT_ROWS} by kind
 * (Prometheus {@code handoff_drift_rows_total}). Unlike lag samples, a report is not superseded by the
 * next one: the caller waits for the broker's acknowledgement before it counts the row as checked,
 * and tries again when Kafka refused it.
 */
@ApplicationScoped
@Startup // its counters are served (at 0) from the start, not from the first drift found
public class DriftPublisher {
    public static final String DRIFT_ROWS = "handoff.drift.rows";

    private final Emitter<String> emitter;
    private final Map<DriftKind, Counter> published = new EnumMap<>(DriftKind.class);

    public DriftPublisher(@Channel(Topics.REPLICATION_DRIFT) Emitter<String> emitter, MeterRegistry meters) {
        this.emitter = emitter;
        for (DriftKind kind : DriftKind.values()) {
            published.put(kind, Counter.builder(DRIFT_ROWS).description("Rows found missing, extra or different on the target")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(meters));
        }
    }

    /**
     * Sends every report and waits for all acknowledgements, at most {@code timeout}.
     *
     * @throws DriftNotPublishedException when one was refused or not acknowledged in time
     */
    public void publishAll(List<DriftReport> reports, Duration timeout) {
        List<CompletableFuture<Void>> sent = reports.stream().map(report -> publish(report).toCompletableFuture()).toList();
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriftNotPublishedException("interrupted while publishing drift reports", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DriftNotPublishedException("Kafka did not acknowledge the drift reports on " + Topics.REPLICATION_DRIFT
                    + " within " + timeout + ": " + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    /** A drift report Kafka did not take; publishing it again is harmless (readers key on plan, table, key). */
    public static final class DriftNotPublishedException extends RuntimeException {
        DriftNotPublishedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Sends {@code report}; completes when Kafka acknowledged it, exceptionally when it did not. */
    public CompletionStage<Void> publish(DriftReport report) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        Message<String> message = Message.of(Json.toJson(report))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(report.planId()).build())
                .withAck(() -> {
                    published.get(report.kind()).increment();
                    outcome.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    outcome.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException bufferFullOrClosed) {
            outcome.completeExceptionally(bufferFullOrClosed);
        }
        return outcome;
    }
}
