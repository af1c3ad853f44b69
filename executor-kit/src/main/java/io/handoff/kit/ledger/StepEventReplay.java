package io.handoff.kit.ledger;

import io.handoff.common.event.StepEvent;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.kit.config.KafkaClientSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the {@link ExecutionLedger} in step with {@code handoff.step-events}, on its own thread with a
 * plain Kafka consumer ({@code read_committed}, no consumer group, no committed offsets): at start-up
 * it reads every partition from the beginning up to the end offsets it found, then marks the ledger
 * rebuilt; afterwards it keeps reading, so that epochs applied and commands completed by other
 * instances and executors reach this one too.
 *
 * <p>Durability horizon: what the topic still holds (its retention). Partitions added to the topic
 * after start-up are read after the next restart.
 */
@ApplicationScoped
public class StepEventReplay {
    private static final Logger LOG = Logger.getLogger(StepEventReplay.class);

    private final ExecutionLedger ledger;
    private final LedgerConfig config;
    private final KafkaClientSettings kafka;
    private final String applicationName;
    private volatile boolean running;
    private volatile String status = "not started";
    private KafkaConsumer<String, String> consumer;
    private Thread thread;

    public StepEventReplay(ExecutionLedger ledger, LedgerConfig config,
            KafkaClientSettings kafka,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "executor") String applicationName) {
        this.ledger = ledger;
        this.config = config;
        this.kafka = kafka;
        this.applicationName = applicationName;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Starts the replay thread (once). */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, applicationName + "-ledger-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100)), new StringDeserializer(), new StringDeserializer());
        running = true;
        status = "reading the partitions of " + Topics.STEP_EVENTS;
        thread = new Thread(this::replay, "step-event-replay");
        thread.setDaemon(true);
        thread.start();
    }

    /** What the replay is doing, for the readiness check. */
    public String status() {
        return status;
    }

    private void replay() {
        try {
            Map<TopicPartition, Long> ends = assignFromBeginning();
            if (ends == null) {
                return;
            }
            status = "rebuilding from " + Topics.STEP_EVENTS + " up to offsets " + ends;
            LOG.infof("rebuilding the executor ledger from %s up to offsets %s", Topics.STEP_EVENTS, ends);
            while (running && !reached(ends)) {
                pollOnce();
            }
            if (!running) {
                return;
            }
            ledger.rebuilt();
            status = "rebuilt, following " + Topics.STEP_EVENTS;
            LOG.infof("executor ledger rebuilt: %s", ledger.describe());
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            // stop() woke the consumer: the service is shutting down.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            status = "stopped: " + e;
            LOG.errorf(e, "the executor ledger stopped following %s; %s", Topics.STEP_EVENTS,
                    ledger.ready() ? "commands of other instances are seen after a restart" : "commands wait until a restart");
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Assigns every partition at its beginning and returns the end offsets to reach, retrying while
     * Kafka does not answer; {@code null} when stopped meanwhile.
     */
    private Map<TopicPartition, Long> assignFromBeginning() throws InterruptedException {
        while (running) {
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.STEP_EVENTS, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
                if (!partitions.isEmpty()) {
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    return consumer.endOffsets(partitions, Duration.ofSeconds(10));
                }
                status = "waiting for the topic " + Topics.STEP_EVENTS;
            } catch (TimeoutException e) {
                status = "waiting for Kafka: " + e.getMessage();
                LOG.warnf("cannot read %s yet (%s); trying again", Topics.STEP_EVENTS, e.getMessage());
            }
            Thread.sleep(config.retryBackoff().toMillis());
        }
        return null;
    }

    /** Whether every partition was read up to its end offset; {@code false} while Kafka does not answer. */
    private boolean reached(Map<TopicPartition, Long> ends) {
        try {
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (consumer.position(end.getKey(), Duration.ofSeconds(10)) < end.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (TimeoutException e) {
            status = "rebuilding, waiting for Kafka: " + e.getMessage();
            return false;
        }
    }

    private void pollOnce() {
        for (ConsumerRecord<String, String> record : consumer.poll(config.pollTimeout())) {
            StepEvent event;
            try {
                event = Json.fromJson(record.value(), StepEvent.class);
            } catch (RuntimeException e) {
                LOG.warnf("skipping %s-%d@%d: not a step event (%s)", record.topic(), record.partition(), record.offset(),
                        e.getClass().getSimpleName());
                continue;
            }
            ledger.fold(event);
        }
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (thread != null) {
            consumer.wakeup();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
