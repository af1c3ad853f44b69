package io.handoff.planner.dashboard;

import io.handoff.kit.config.KafkaClientSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows one topic keyed by plan id, or by application for {@code handoff.applications} (every partition, no
 * consumer group, {@code read_committed}), and hands each record's JSON value to the watchers of its key (below:
 * its plan). It starts {@code lookBack} before the
 * moment it starts and keeps the latest {@code perPlan} values of each plan, so a watcher first gets
 * what happened recently, then every new value, in the topic's order for that plan.
 *
 * <p>Threads: one daemon thread owns the consumer; watchers are called on it, under this tail's lock,
 * so they must only hand the value on (never block). {@link #watch} and {@link #close} may be called
 * from any thread. Delivery is at most once per watcher: a value arriving while nobody watches its plan
 * is only kept in the recent history. Nothing is committed: a restart reads from {@code lookBack} again.
 */
final class TopicTail implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final int OFFERED_AHEAD = 1024;

    private final String topic;
    private final Duration lookBack;
    private final int perPlan;
    private final Properties consumerConfig;
    private final Map<String, Deque<String>> recent = new HashMap<>();
    private final Map<String, List<Consumer<String>>> watchers = new HashMap<>();
    /** Values {@link #offer offered} before the topic gave them back, in order: each is skipped once when it does. */
    private final java.util.Set<String> offeredAhead = new java.util.LinkedHashSet<>();
    private final Object lock = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;

    TopicTail(KafkaClientSettings kafka, String topic, Duration lookBack, int perPlan) {
        this.topic = topic;
        this.lookBack = lookBack;
        this.perPlan = perPlan;
        this.consumerConfig = new Properties();
        consumerConfig.putAll(kafka.clientProperties(Map.of()));
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "planner-dashboard-" + topic);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.thread = new Thread(this::run, "dashboard-tail-" + topic);
        thread.setDaemon(true);
    }

    /** Starts following the topic; returns at once. */
    void start() {
        thread.start();
    }

    /**
     * Calls {@code watcher} with the plan's recent values, then with each new one until the returned
     * handle is closed.
     */
    AutoCloseable watch(String planId, Consumer<String> watcher) {
        synchronized (lock) {
            recent.getOrDefault(planId, new ArrayDeque<>()).forEach(watcher);
            watchers.computeIfAbsent(planId, id -> new CopyOnWriteArrayList<>()).add(watcher);
        }
        return () -> {
            synchronized (lock) {
                List<Consumer<String>> ofPlan = watchers.get(planId);
                if (ofPlan != null) {
                    ofPlan.remove(watcher);
                    if (ofPlan.isEmpty()) {
                        watchers.remove(planId);
                    }
                }
            }
        };
    }

    /** Number of watchers at the moment (all plans). */
    int watcherCount() {
        synchronized (lock) {
            return watchers.values().stream().mapToInt(List::size).sum();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> tail = new KafkaConsumer<>(consumerConfig)) {
                consumer = tail;
                if (!running) {
                    return;
                }
                if (assign(tail)) {
                    follow(tail);
                } else {
                    pause();
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("dashboard: following %s failed (%s); trying again in %s", topic, e.toString(), RETRY);
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    /** Assigns every partition and seeks to {@code lookBack} ago; false while the topic has none. */
    private boolean assign(KafkaConsumer<String, String> tail) {
        List<PartitionInfo> infos = tail.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            LOG.debugf("dashboard: topic %s has no partitions yet", topic);
            return false;
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        tail.assign(partitions);
        long since = Instant.now().minus(lookBack).toEpochMilli();
        Map<TopicPartition, Long> times = new LinkedHashMap<>();
        partitions.forEach(p -> times.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = tail.offsetsForTimes(times, Duration.ofSeconds(10));
        List<TopicPartition> atEnd = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                atEnd.add(partition);
            } else {
                tail.seek(partition, offset.offset());
            }
        }
        tail.seekToEnd(atEnd);
        return true;
    }

    private void follow(KafkaConsumer<String, String> tail) {
        while (running) {
            for (ConsumerRecord<String, String> record : tail.poll(POLL)) {
                if (record.key() != null && record.value() != null) {
                    read(record.key(), record.value());
                }
            }
        }
    }

    /**
     * Hands {@code json} to the watchers of {@code key} now, as if it had been read from the topic, before the topic
     * gives it back; the record the topic gives back for it is then skipped (a later copy of the same record, a
     * replay, is delivered as usual).
     */
    void offer(String key, String json) {
        synchronized (lock) {
            if (offeredAhead.size() >= OFFERED_AHEAD) {
                offeredAhead.remove(offeredAhead.iterator().next());
            }
            offeredAhead.add(json);
            deliver(key, json);
        }
    }

    private void read(String key, String json) {
        synchronized (lock) {
            if (!offeredAhead.remove(json)) {
                deliver(key, json);
            }
        }
    }

    private void deliver(String planId, String json) {
        synchronized (lock) {
            Deque<String> values = recent.computeIfAbsent(planId, id -> new ArrayDeque<>());
            values.addLast(json);
            while (values.size() > perPlan) {
                values.removeFirst();
            }
            for (Consumer<String> watcher : watchers.getOrDefault(planId, List.of())) {
                try {
                    watcher.accept(json);
                } catch (RuntimeException e) {
                    LOG.debugf("dashboard: a watcher of plan %s refused a value: %s", planId, e);
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops following; waits a little for the consumer thread to close its consumer. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
