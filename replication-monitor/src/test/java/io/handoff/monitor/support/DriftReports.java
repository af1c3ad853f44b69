package io.handoff.monitor.support;

import io.handoff.common.event.DriftReport;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.localstack.testing.StepCommandBus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Collects, in a background thread, the {@link DriftReport}s of one plan from
 * {@code handoff.replication.drift}, starting at the end of the topic.
 */
public final class DriftReports implements AutoCloseable {
    private final String planId;
    private final KafkaConsumer<String, String> consumer;
    private final List<DriftReport> reports = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean open = true;

    public DriftReports(String bootstrapServers, String planId) {
        this.planId = planId;
        consumer = StepCommandBus.consumerAtEnd(bootstrapServers, Topics.REPLICATION_DRIFT);
        reader = new Thread(this::read, "drift-reader-" + planId);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (open) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (planId.equals(record.key())) {
                        reports.add(Json.fromJson(record.value(), DriftReport.class));
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() woke the reader up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The plan's reports received so far, in publication order. */
    public List<DriftReport> all() {
        return List.copyOf(reports);
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        consumer.wakeup();
        reader.join(10_000);
    }
}
