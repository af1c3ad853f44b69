package io.handoff.monitor.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.LagSample;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's only way to talk to the service: publishes {@link StepCommand}s on
 * {@code handoff.commands.monitor}, reads the step events, and collects in a background thread the
 * {@link LagSample}s of one plan from {@code handoff.replication.lag}. Both readers start at the end
 * of their topic, so they see this test's records and nothing older.
 */
public final class MonitorBus implements AutoCloseable {
    private static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(60);

    private final String planId;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> events;
    private final KafkaConsumer<String, String> lag;
    private final List<StepEvent> received = new ArrayList<>();
    private final List<LagSample> samples = new CopyOnWriteArrayList<>();
    private final Thread lagReader;
    private volatile boolean open = true;

    public MonitorBus(String bootstrapServers, String planId) {
        this.planId = planId;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        events = consumerAtEnd(bootstrapServers, Topics.STEP_EVENTS);
        lag = consumerAtEnd(bootstrapServers, Topics.REPLICATION_LAG);
        lagReader = new Thread(this::readLag, "lag-reader-" + planId);
        lagReader.setDaemon(true);
        lagReader.start();
    }

    private static KafkaConsumer<String, String> consumerAtEnd(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before any command is sent.
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        return consumer;
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
        try {
            producer.send(new ProducerRecord<>(Topics.COMMANDS_MONITOR, command.planId(), Json.toJson(command))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("command not accepted by Kafka", e.getCause());
        }
        Instant deadline = Instant.now().plus(OUTCOME_TIMEOUT);
        while (terminal(command.commandId()).isEmpty()) {
            assertThat(Instant.now()).as("an outcome of %s within %s", command.stepId(), OUTCOME_TIMEOUT).isBefore(deadline);
            for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(100))) {
                received.add(Json.fromJson(record.value(), StepEvent.class));
            }
        }
        return terminal(command.commandId()).get(0);
    }

    private List<StepEvent> terminal(String commandId) {
        return received.stream()
                .filter(event -> event.commandId().equals(commandId) && event.kind() != StepEventKind.STARTED)
                .toList();
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        lag.wakeup();
        lagReader.join(10_000);
        producer.close(Duration.ofSeconds(5));
        events.close(Duration.ofSeconds(5));
    }
}
