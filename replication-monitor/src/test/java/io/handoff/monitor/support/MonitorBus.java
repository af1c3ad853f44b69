package io.handoff.monitor.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.LagSample;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.localstack.testing.StepCommandBus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The test's only way to talk to the service: publishes {@link StepCommand}s on
 * {@code handoff.commands.monitor}, reads the step events, and collects in a background thread the
 * {@link LagSample}s of one plan from {@code handoff.replication.lag}. Both readers start at the end
 * of their topic, so they see this test's records and nothing older.
 */
public final class MonitorBus implements AutoCloseable {
    private final String planId;
    private final StepCommandBus commands;
    private final KafkaConsumer<String, String> lag;
    private final List<LagSample> samples = new CopyOnWriteArrayList<>();
    private final Thread lagReader;
    private volatile boolean open = true;

    public MonitorBus(String bootstrapServers, String planId) {
        this.planId = planId;
        commands = new StepCommandBus(bootstrapServers);
        lag = StepCommandBus.consumerAtEnd(bootstrapServers, Topics.REPLICATION_LAG);
        lagReader = new Thread(this::readLag, "lag-reader-" + planId);
        lagReader.setDaemon(true);
        lagReader.start();
    }

    private void readLag() {
        try {
            while (open) {
                for (ConsumerRecord<String, String> record : lag.poll(Duration.ofMillis(200))) {
                    if (planId.equals(record.key())) {
                        samples.add(Json.fromJson(record.value(), LagSample.class));
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() woke the reader up
        } finally {
            lag.close(Duration.ofSeconds(5));
        }
    }

    /** The plan's samples received so far, in publication order. */
    public List<LagSample> samples() {
        return List.copyOf(samples);
    }

    /** The latest sample received, or {@code null}. */
    public LagSample latest() {
        List<LagSample> all = samples();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** The samples measured at or after {@code from}. */
    public List<LagSample> samplesSince(Instant from) {
        return samples().stream().filter(sample -> !sample.sampledAt().isBefore(from)).toList();
    }

    /** Sends {@code command} and returns its terminal event (SUCCEEDED or FAILED). */
    public StepEvent run(StepCommand command) {
        return commands.run(command);
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        lag.wakeup();
        lagReader.join(10_000);
        commands.close();
    }
}
