package io.handoff.dns.messaging;

import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The planner's side of dns-service, for tests: publishes step commands on {@code handoff.commands.dns}
 * (key = plan id) and reads {@code handoff.step-events} from the end as it was when the probe was
 * created, so only reports of commands sent afterwards are seen. Use from one thread.
 */
public final class StepEventsProbe implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<StepEvent> received = new ArrayList<>();

    public StepEventsProbe(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.STEP_EVENTS, TIMEOUT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // seekToEnd is lazy: fix the positions before anything is sent
    }

    /** Publishes {@code command} as the planner does and waits for the broker's acknowledgement. */
    public void send(StepCommand command) {
        try {
            producer.send(new ProducerRecord<>(Topics.COMMANDS_DNS, command.planId(), Json.toJson(command)))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("command not accepted by Kafka", e);
        }
    }

    /** The first terminal (SUCCEEDED or FAILED) report of {@code commandId}. */
    public StepEvent awaitTerminal(String commandId) {
        return awaitTerminal(commandId, 1).get(0);
    }

    /** The first {@code count} terminal reports of {@code commandId}, in the order published. */
    public List<StepEvent> awaitTerminal(String commandId, int count) {
        await().atMost(TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        received.add(Json.fromJson(record.value(), StepEvent.class));
                    }
                    return terminal(commandId).size() >= count;
                });
        return terminal(commandId).subList(0, count);
    }

    private List<StepEvent> terminal(String commandId) {
        return received.stream()
                .filter(e -> e.commandId().equals(commandId) && e.kind() != StepEventKind.STARTED)
                .toList();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close();
    }
}
