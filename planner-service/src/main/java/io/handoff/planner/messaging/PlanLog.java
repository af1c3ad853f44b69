package io.handoff.planner.messaging;

import io.handoff.common.event.PlanEvent;
import io.handoff.common.event.StepEvent;
import io.handoff.common.json.Json;
import io.handoff.common.json.JsonCodecException;
import io.handoff.common.topic.TopicProvisioner;
import io.handoff.common.topic.TopicRequirements;
import io.handoff.common.topic.Topics;
import io.handoff.common.topic.UnsafeSetting;
import io.handoff.kit.config.KafkaClientSettings;
import io.handoff.planner.config.PlannerConfig;
import io.handoff.planner.config.TopicsConfig;
import io.handoff.planner.plan.PlanOrchestrator;
import io.handoff.planner.plan.PlanOutbox;
import io.handoff.planner.plan.PlanRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The planner's orchestrator thread and its Kafka clients: the only place plans change.
 *
 * <p>Start-up: a transactional producer ({@code transactional.id} from configuration) is initialised
 * first, which fences an earlier planner with that id and aborts its open transaction; then
 * {@code handoff.plans} is replayed from the beginning with {@code isolation.level=read_committed}
 * through {@link PlanOrchestrator#replay}, so the plans are exactly the fold of the committed log.
 * Only then are step events consumed, queued requests run and the planner reported ready.
 *
 * <p>Exactly once: every action (a poll's step events, one REST request, one lag sample, one clock
 * tick) runs on this thread and writes its plan events and commands to an outbox, which is committed
 * in one Kafka transaction together with the consumed step events' offsets
 * ({@code sendOffsetsToTransaction}). A crash before the commit leaves neither the events, nor the
 * commands (executors and replays read committed records only), nor the offsets: the step event is
 * consumed again by the restarted planner, which decides again from the same state. A crash after it
 * leaves all three. Commands keep deterministic ids, so even a reader of uncommitted records would
 * see a repeated decision as a duplicate.
 *
 * <p>Why plain Kafka clients rather than SmallRye's {@code KafkaTransactions#withTransactionAndAck}:
 * that covers consume-then-produce for a channel's records, but requests, lag samples and timers must
 * go through the same producer, the same fold and the same order, and nothing may be consumed before
 * the replay ends. One thread owning one producer, one consumer and one queue gives that without
 * concurrent transactions to reason about.
 *
 * <p>Step events are read from manually assigned partitions at the offsets the consumer group
 * committed (no group membership: a restarted planner does not wait for the dead one's session to
 * expire); the transactional id is what fences an older planner. A transaction that fails is not
 * retried in place: the plans (which folded its events already) are replayed from the log again and
 * the consumer rewinds to the committed offsets. A planner fenced by a newer one stops and reports
 * not ready.
 */
@ApplicationScoped
public class PlanLog {
    private static final Logger LOG = Logger.getLogger(PlanLog.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REOPEN_BACKOFF = Duration.ofSeconds(1);

    private final PlanOrchestrator orchestrator;
    private final PlanRegistry registry;
    private final PlannerConfig config;
    private final TopicsConfig topics;
    private final PlanEventBroadcaster broadcaster;
    private final jakarta.enterprise.event.Event<io.handoff.common.event.ApplicationEvent> announced;
    private final KafkaClientSettings kafka;
    private final BlockingQueue<Task<?>> tasks = new LinkedBlockingQueue<>();

    private volatile boolean running;
    private volatile boolean ready;
    private volatile String notReadyBecause = "checking the Kafka topics";
    /** What the last topic check found unsafe: empty once every topic is safe. */
    private volatile List<UnsafeSetting> unsafeTopics = List.of();
    private volatile Thread thread;
    private volatile KafkaConsumer<String, String> stepEvents;
    private KafkaProducer<String, String> producer;

    public PlanLog(PlanOrchestrator orchestrator, PlanRegistry registry, PlannerConfig config, TopicsConfig topics,
            PlanEventBroadcaster broadcaster, jakarta.enterprise.event.Event<io.handoff.common.event.ApplicationEvent> announced,
            KafkaClientSettings kafka) {
        this.announced = announced;
        this.orchestrator = orchestrator;
        this.registry = registry;
        this.config = config;
        this.topics = topics;
        this.broadcaster = broadcaster;
        this.kafka = kafka;
    }

    void onStart(@Observes StartupEvent start) {
        running = true;
        thread = new Thread(this::run, "planner-orchestrator");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        wakeUp();
        Thread orchestrator = thread;
        if (orchestrator != null) {
            orchestrator.join(Duration.ofSeconds(10).toMillis());
        }
    }

    /** True once the log was replayed and the planner orchestrates; false while starting, recovering or fenced. */
    public boolean ready() {
        return ready;
    }

    /** Why the planner is not ready, or null. */
    public String notReadyBecause() {
        return ready ? null : notReadyBecause;
    }

    /** What the last topic check found missing or unsafe; empty when every topic is safe (or not checked yet). */
    public List<UnsafeSetting> unsafeTopics() {
        return unsafeTopics;
    }

    /**
     * Runs {@code action} on the orchestrator thread, in its own transaction, and returns its result once
     * committed. Waits for the replay when the planner is starting. An exception the action throws
     * before writing anything (a refusal) is rethrown as is. Refused at once with {@link UnsafeTopicsException}
     * while a topic is missing or unsafe.
     */
    public <T> T execute(Function<PlanOutbox, T> action) {
        List<UnsafeSetting> unsafe = unsafeTopics;
        if (!unsafe.isEmpty()) {
            throw new UnsafeTopicsException(unsafe);
        }
        Task<T> task = new Task<>(action);
        tasks.add(task);
        wakeUp();
        try {
            return task.result.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            task.result.cancel(false);
            throw new PlannerUnavailableException("the planner did not get to the request within " + REQUEST_TIMEOUT
                    + (ready ? "" : ": " + notReadyBecause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlannerUnavailableException("interrupted while waiting for the planner");
        }
    }

    /** Queues {@code action} for the orchestrator thread without waiting for it (lag samples). */
    public void enqueue(Consumer<PlanOutbox> action) {
        tasks.add(new Task<>(out -> {
            action.accept(out);
            return null;
        }));
        wakeUp();
    }

    private void wakeUp() {
        KafkaConsumer<String, String> consumer = stepEvents;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    private void run() {
        while (running) {
            try {
                if (!topicsSafe()) {
                    pause(topics.recheckInterval());
                    continue;
                }
                open();
                ready = true;
                LOG.infof("plans replayed from %s: %d plan(s); orchestrating", Topics.PLANS, registry.all().size());
                loop();
            } catch (RuntimeException e) {
                ready = false;
                if (fenced(e)) {
                    notReadyBecause = "fenced by another planner with transactional.id " + config.transactionalId();
                    LOG.errorf("%s: this planner stops orchestrating", notReadyBecause);
                    running = false;
                    break;
                }
                notReadyBecause = "recovering from " + e;
                if (running) {
                    LOG.errorf(e, "orchestration interrupted; the plans are replayed from %s again", Topics.PLANS);
                    pause(REOPEN_BACKOFF);
                }
            } finally {
                close();
            }
        }
        ready = false;
        Task<?> task;
        while ((task = tasks.poll()) != null) {
            task.result.completeExceptionally(new PlannerUnavailableException("the planner is stopping: " + notReadyBecause));
        }
    }

    /**
     * Checks every topic against {@link TopicRequirements} before the plan log is read (creating the missing ones
     * when {@code handoff.topics.create}); never changes an existing topic. While any is missing or unsafe the planner
     * is not ready, names each setting, and refuses every request that would change a plan: a plan log with a
     * retention would lose the plans and their fencing epochs. Throws when Kafka does not answer (the loop retries).
     */
    private boolean topicsSafe() {
        TopicRequirements requirements = TopicRequirements.of(topics.partitions(), topics.replicationFactor());
        List<UnsafeSetting> unsafe;
        try (Admin admin = TopicProvisioner.admin(kafka.clientProperties(Map.of()),
                topics.checkTimeout())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, topics.checkTimeout());
            if (topics.create()) {
                TopicProvisioner.Outcome outcome = provisioner.provision(requirements, false);
                if (!outcome.created().isEmpty()) {
                    LOG.infof("created the Kafka topics %s with their required settings (handoff.topics.create=true)",
                            outcome.created());
                }
                unsafe = outcome.unsafe();
            } else {
                unsafe = provisioner.check(requirements);
            }
        }
        List<UnsafeSetting> before = unsafeTopics;
        if (unsafe.isEmpty()) {
            if (!before.isEmpty()) {
                LOG.infof("the Kafka topics are safe now; the planner reads %s and runs plans", Topics.PLANS);
            }
            unsafeTopics = List.of();
            notReadyBecause = "replaying " + Topics.PLANS;
            return true;
        }
        notReadyBecause = UnsafeTopicsException.describe(unsafe);
        unsafeTopics = List.copyOf(unsafe);
        if (!unsafe.equals(before)) {
            LOG.errorf("UNSAFE KAFKA TOPICS, no plan runs until they are fixed (checked again every %s):%n  %s",
                    topics.recheckInterval(), String.join("\n  ", unsafe.stream().map(UnsafeSetting::toString).toList()));
        }
        return false;
    }

    private static boolean fenced(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private void open() {
        producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "planner-" + config.transactionalId())),
                new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        replay();
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)),
                new StringDeserializer(), new StringDeserializer());
        try {
            List<TopicPartition> partitions = partitions(consumer, Topics.STEP_EVENTS);
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        stepEvents = consumer;
    }

    /** Folds every committed event of {@code handoff.plans} into fresh plans. */
    private void replay() {
        registry.clear();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(kafka.clientProperties(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = partitions(reader, Topics.PLANS);
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            int events = 0;
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : reader.poll(POLL)) {
                    PlanEvent event;
                    try {
                        event = Json.fromJson(record.value(), PlanEvent.class);
                    } catch (JsonCodecException e) {
                        LOG.errorf("unreadable plan event at %s-%d@%d skipped: %s", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                        continue;
                    }
                    orchestrator.replay(event);
                    events++;
                }
            }
            LOG.infof("replayed %d plan event(s) from %s", events, Topics.PLANS);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private void loop() {
        Instant nextTick = Instant.now();
        while (running) {
            ConsumerRecords<String, String> records;
            try {
                records = stepEvents.poll(POLL);
            } catch (WakeupException e) {
                records = ConsumerRecords.empty();
            }
            if (!records.isEmpty()) {
                onStepEvents(records);
            }
            Task<?> task;
            while ((task = tasks.poll()) != null) {
                task.runIn(this);
            }
            if (!Instant.now().isBefore(nextTick)) {
                transact(out -> {
                    orchestrator.tick(out);
                    return null;
                }, Map.of());
                nextTick = Instant.now().plus(TICK);
            }
        }
    }

    private void onStepEvents(ConsumerRecords<String, String> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        transact(out -> {
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<String, String> record : records.records(partition)) {
                    StepEvent event;
                    try {
                        event = Json.fromJson(record.value(), StepEvent.class);
                    } catch (JsonCodecException e) {
                        // Never readable, whoever retries: passed over with its offset, and said so.
                        LOG.errorf("unreadable step event at %s-%d@%d skipped: %s", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                        continue;
                    }
                    orchestrator.onStepEvent(event, out);
                }
                List<ConsumerRecord<String, String>> consumed = records.records(partition);
                offsets.put(partition, new OffsetAndMetadata(consumed.get(consumed.size() - 1).offset() + 1));
            }
            return null;
        }, offsets);
    }

    /**
     * Runs {@code action} and commits what it wrote with {@code offsets}. An action that throws having
     * written nothing changed nothing; one that throws after writing, or a commit that fails, leaves
     * plans that folded uncommitted events: the exception ends this incarnation of the loop, which
     * replays the log again.
     */
    private <T> T transact(Function<PlanOutbox, T> action, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Outbox out = new Outbox();
        T result;
        try {
            result = action.apply(out);
        } catch (RuntimeException e) {
            if (out.isEmpty()) {
                throw new Refusal(e);
            }
            throw e;
        }
        if (out.isEmpty() && offsets.isEmpty()) {
            return result;
        }
        producer.beginTransaction();
        out.records.forEach(producer::send);
        if (!offsets.isEmpty()) {
            producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata(config.consumerGroup()));
        }
        producer.commitTransaction();
        out.events.forEach(broadcaster::emit);
        // The applications' streams get their events now, without waiting for them to come back from the topic.
        out.announced.forEach(announced::fire);
        return result;
    }

    /** Waits {@code duration}, or less when the planner stops. */
    private void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        try {
            while (running && System.nanoTime() < deadline) {
                Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void close() {
        KafkaConsumer<String, String> consumer = stepEvents;
        stepEvents = null;
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** What one action wrote, in order. */
    private static final class Outbox implements PlanOutbox {
        private final List<ProducerRecord<String, String>> records = new ArrayList<>();
        private final List<PlanEvent> events = new ArrayList<>();
        private final List<io.handoff.common.event.ApplicationEvent> announced = new ArrayList<>();

        @Override
        public void publish(PlanEvent event) {
            events.add(event);
            records.add(new ProducerRecord<>(Topics.PLANS, event.planId(), Json.toJson(event)));
        }

        @Override
        public void send(io.handoff.common.event.StepCommand command) {
            records.add(new ProducerRecord<>(command.executor().commandTopic(), command.planId(), Json.toJson(command)));
        }

        @Override
        public void announce(io.handoff.common.event.ApplicationEvent event) {
            announced.add(event);
            records.add(new ProducerRecord<>(Topics.APPLICATIONS, event.application(), Json.toJson(event)));
        }

        boolean isEmpty() {
            return records.isEmpty();
        }
    }

    /** An action that refused before writing anything: its exception goes to the caller, the loop goes on. */
    private static final class Refusal extends RuntimeException {
        Refusal(RuntimeException cause) {
            super(cause);
        }
    }

    /** A queued action and its caller's future. */
    private static final class Task<T> {
        private final Function<PlanOutbox, T> action;
        private final CompletableFuture<T> result = new CompletableFuture<>();

        Task(Function<PlanOutbox, T> action) {
            this.action = action;
        }

        void runIn(PlanLog log) {
            if (result.isDone()) {
                return; // its caller gave up waiting: it must not happen behind the caller's back
            }
            try {
                result.complete(log.transact(action, Map.of()));
            } catch (Refusal refusal) {
                result.completeExceptionally(refusal.getCause());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                throw e;
            }
        }
    }
}
