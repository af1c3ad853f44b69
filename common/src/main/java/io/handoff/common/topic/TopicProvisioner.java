package io.handoff.common.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Brings handoff's topics to {@link TopicRequirements} with a Kafka {@link Admin} client, or says why it cannot.
 * {@link #check} only reads; {@link #provision} creates missing topics and, only when asked to fix, sets each
 * unsafe config to its required value ({@code incrementalAlterConfigs}). A replication factor is never changed (a
 * partition reassignment is the operator's decision). Every call is idempotent: run twice, the second does nothing.
 *
 * <p>The caller owns the admin client and closes it.
 */
public final class TopicProvisioner {
    private final Admin admin;
    private final Duration timeout;

    /** Uses {@code admin}; each call waits at most {@code timeout} for the broker. */
    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * What was done and what is still unsafe.
     *
     * @param created the topics this call created
     * @param fixed   the settings this call set to their required values
     * @param unsafe  what still differs from the requirements (empty: every topic is safe)
     */
    public record Outcome(List<String> created, List<UnsafeSetting> fixed, List<UnsafeSetting> unsafe) {
        public Outcome {
            created = List.copyOf(created);
            fixed = List.copyOf(fixed);
            unsafe = List.copyOf(unsafe);
        }

        /** True when every topic exists with the required settings. */
        public boolean safe() {
            return unsafe.isEmpty();
        }
    }

    /**
     * An admin client for {@code config} (at least {@code bootstrap.servers}; security settings as for any Kafka
     * client) whose calls give up after {@code timeout}.
     */
    public static Admin admin(Map<String, Object> config, Duration timeout) {
        Map<String, Object> all = new HashMap<>(config);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        all.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        all.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        return Admin.create(all);
    }

    /** Reads every handoff topic and reports each unsafe setting; changes nothing. */
    public List<UnsafeSetting> check(TopicRequirements requirements) {
        return requirements.compare(describe(requirements.specs().stream().map(TopicSpec::name).toList()));
    }

    /**
     * Creates the missing topics with the required settings; with {@code fix}, also sets every fixable unsafe config
     * of existing topics. Then reads everything again and reports what is still unsafe.
     */
    public Outcome provision(TopicRequirements requirements, boolean fix) {
        List<UnsafeSetting> before = check(requirements);
        List<String> created = new ArrayList<>();
        List<NewTopic> missing = before.stream().filter(s -> UnsafeSetting.MISSING.equals(s.setting()))
                .map(s -> requirements.spec(s.topic()))
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) spec.replicationFactor())
                        .configs(spec.createConfigs()))
                .toList();
        if (!missing.isEmpty()) {
            CreateTopicsResult result = admin.createTopics(missing);
            for (NewTopic topic : missing) {
                try {
                    await(result.values().get(topic.name()));
                    created.add(topic.name());
                } catch (TopicExistsException raced) {
                    // created meanwhile by another provisioner: it is checked below like any existing topic
                }
            }
        }
        List<UnsafeSetting> fixed = new ArrayList<>();
        if (fix) {
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
            for (UnsafeSetting unsafe : before) {
                if (!unsafe.fixable() || UnsafeSetting.MISSING.equals(unsafe.setting())) {
                    continue;
                }
                String value = requirements.spec(unsafe.topic()).rules().stream()
                        .filter(rule -> rule.config().equals(unsafe.setting())).findFirst().orElseThrow().createValue();
                changes.computeIfAbsent(new ConfigResource(ConfigResource.Type.TOPIC, unsafe.topic()), k -> new ArrayList<>())
                        .add(new AlterConfigOp(new ConfigEntry(unsafe.setting(), value), AlterConfigOp.OpType.SET));
                fixed.add(unsafe);
            }
            if (!changes.isEmpty()) {
                await(admin.incrementalAlterConfigs(changes).all());
            }
        }
        return new Outcome(created, fixed, settled(requirements, created, fixed));
    }

    /**
     * The check after changes: a broker applies new topics and configs to its metadata asynchronously, so a
     * describe right after may still show the old state. Checks again (every 100 ms, at most {@code timeout}) until
     * nothing this call changed is reported any more.
     */
    private List<UnsafeSetting> settled(TopicRequirements requirements, List<String> created, List<UnsafeSetting> fixed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<UnsafeSetting> unsafe = check(requirements);
            boolean stale = unsafe.stream().anyMatch(setting -> created.contains(setting.topic())
                    || fixed.stream().anyMatch(f -> f.topic().equals(setting.topic()) && f.setting().equals(setting.setting())));
            if (!stale || System.nanoTime() > deadline) {
                return unsafe;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return unsafe;
            }
        }
    }

    /** The existing topics among {@code names}, with their partitions, replication factor and configs. */
    public Map<String, TopicState> describe(List<String> names) {
        Map<String, TopicDescription> descriptions = new HashMap<>();
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(names).topicNameValues();
        for (String name : names) {
            try {
                descriptions.put(name, await(futures.get(name)));
            } catch (UnknownTopicOrPartitionException missing) {
                // absent from the result: compare reports it missing
            }
        }
        if (descriptions.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = descriptions.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
        Map<String, TopicState> states = new HashMap<>();
        descriptions.forEach((name, description) -> {
            Map<String, String> values = new HashMap<>();
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            if (config != null) {
                config.entries().forEach(entry -> {
                    if (entry.value() != null) {
                        values.put(entry.name(), entry.value());
                    }
                });
            }
            int replicas = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            states.put(name, new TopicState(name, description.partitions().size(), replicas, values));
        });
        return states;
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException timedOut) {
                throw new TopicsUnreachableException("Kafka did not answer: " + timedOut.getMessage(), timedOut);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new TopicsUnreachableException("Kafka did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicsUnreachableException("interrupted while waiting for Kafka", e);
        }
    }
}
