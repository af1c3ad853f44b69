package io.handoff.cutover.support;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's only way to talk to the service: publishes {@link StepCommand}s on the command topic
 * (key = plan id) and reads the {@link StepEvent}s the service publishes. The event reader is
 * positioned at the end of every partition before the first command is sent, so it sees every event
 * of this test and nothing older.
 */
public final class CommandBus implements AutoCloseable {
    private static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> events;
    private final List<StepEvent> received = new ArrayList<>();

    public CommandBus(String bootstrapServers) {
        createTopics(bootstrapServers);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        events = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = events.partitionsFor(Topics.STEP_EVENTS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        events.assign(partitions);
        events.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before any command is sent.
        partitions.forEach(partition -> events.position(partition, Duration.ofSeconds(30)));
    }

    /** Publishes {@code command} and waits until Kafka has it. */
    public void send(StepCommand command) {
        try {
            producer.send(new ProducerRecord<>(Topics.COMMANDS_CUTOVER, command.planId(), Json.toJson(command))).get();
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
        return outcomes(command.commandId(), 1).get(0);
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
        return eventsOf(commandId).stream().filter(event -> event.kind() != StepEventKind.STARTED).toList();
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : List.of(Topics.COMMANDS_CUTOVER, Topics.STEP_EVENTS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.empty(), java.util.Optional.empty())))
                            .all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        events.close(Duration.ofSeconds(5));
    }
}
