package io.handoff.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
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
 * Drives an executor the way the planner does, over the real broker: publishes step commands on the
 * executor's command topic (key = plan id) and reads {@code handoff.step-events} from the moment the
 * bus was created. For tests; one thread at a time.
 */
public final class StepCommandBus implements AutoCloseable {
    private static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> events;
    /** Read by a test's thread while another waits for an outcome, which adds to it. */
    private final List<StepEvent> received = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A bus on a plaintext broker at {@code bootstrapServers}. */
    public StepCommandBus(String bootstrapServers) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * A bus whose clients use {@code clientProperties}: {@code bootstrap.servers} and, with a secured broker, the
     * planner's security settings ({@code LocalStack#kafkaClientProperties(HandoffAcls.PLANNER)}).
     */
    public StepCommandBus(Map<String, ?> clientProperties) {
        Map<String, Object> producerConfig = new HashMap<>(clientProperties);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        events = consumerAtEnd(clientProperties, Topics.STEP_EVENTS);
    }

    /** A consumer of every partition of {@code topic} on a plaintext broker, positioned at its end now. */
    public static KafkaConsumer<String, String> consumerAtEnd(String bootstrapServers, String topic) {
        return consumerAtEnd(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
    }

    /** A consumer (with {@code clientProperties}) of every partition of {@code topic}, positioned at its end now. */
    public static KafkaConsumer<String, String> consumerAtEnd(Map<String, ?> clientProperties, String topic) {
        Map<String, Object> consumerConfig = new HashMap<>(clientProperties);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before anything is sent.
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        return consumer;
    }

    /** Publishes {@code command} on its executor's topic and waits until Kafka has it. */
    public void send(StepCommand command) {
        try {
            producer.send(new ProducerRecord<>(command.executor().commandTopic(), command.planId(), Json.toJson(command))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("command not accepted by Kafka", e.getCause());
        }
    }

    /** Sends {@code command} and returns its terminal event (SUCCEEDED or FAILED). */
    public StepEvent run(StepCommand command) {
        send(command);
        return outcome(command.commandId());
    }

    /** The first terminal event reported for {@code commandId}, waiting for it. */
    public StepEvent outcome(String commandId) {
        return outcomes(commandId, 1).get(0);
    }

    /** The first {@code count} terminal events reported for {@code commandId}, waiting for them. */
    public List<StepEvent> outcomes(String commandId, int count) {
        Instant deadline = Instant.now().plus(OUTCOME_TIMEOUT);
        while (terminal(commandId).size() < count) {
            assertThat(Instant.now()).as("%d terminal events for command %s within %s; got %s", count, commandId,
                    OUTCOME_TIMEOUT, eventsOf(commandId)).isBefore(deadline);
            for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(100))) {
                received.add(Json.fromJson(record.value(), StepEvent.class));
            }
        }
        return terminal(commandId).subList(0, count);
    }

    /** Every event received so far for {@code commandId}, started ones included. */
    public List<StepEvent> eventsOf(String commandId) {
        return received.stream().filter(event -> event.commandId().equals(commandId)).toList();
    }

    private List<StepEvent> terminal(String commandId) {
        return eventsOf(commandId).stream().filter(event -> event.kind().outcome()).toList();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        events.close(Duration.ofSeconds(5));
    }
}
