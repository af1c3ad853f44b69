package io.handoff.common.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings every handoff topic needs: the only place they are stated. {@link TopicProvisioner} creates topics
 * with them and reports where existing topics differ; the planner refuses to run plans while any topic differs;
 * {@code handoff topics} and the local stack use the same provisioner.
 *
 * <p>Why these settings:
 * <ul>
 *   <li>{@link Topics#PLANS} is the planner's state and holds the fencing epochs: a restarted planner folds every
 *       event of it from the start ({@code PlanLog#replay}). So it is never deleted by time or size
 *       ({@code retention.ms=-1}, {@code retention.bytes=-1}), and never compacted: its records are keyed by plan
 *       id, so compaction would keep one event per plan and the fold would lose the rest
 *       ({@code cleanup.policy=delete}).</li>
 *   <li>Commands and step events must outlive a migration: executors rebuild their ledger (completed commands,
 *       applied epochs) from {@link Topics#STEP_EVENTS} from the start, and a redelivered command is recognised
 *       only while its step event is kept. At least {@link #MIN_RETENTION} (created with
 *       {@link #DURABLE_RETENTION}), never capped by size, never compacted (a plan's events share a key).</li>
 *   <li>Lag samples and drift reports are read recently (the dashboard's look-back): at least
 *       {@link #MIN_RETENTION}, created with it.</li>
 *   <li>Every topic: {@code unclean.leader.election.enable=false} (an unclean election drops acknowledged
 *       records) and {@code min.insync.replicas} of 2 from a replication factor of 3 ({@code acks=all} then
 *       survives one broker down without writing to a single copy).</li>
 * </ul>
 *
 * <p>Partitions and the replication factor come from configuration: 3 partitions and a replication factor of 1 by
 * default (one local broker), 3 replicas recommended in production.
 */
public final class TopicRequirements {
    /** The shortest retention accepted on any topic but {@link Topics#PLANS}. */
    public static final Duration MIN_RETENTION = Duration.ofDays(7);
    /** The retention commands, step events and application events are created with. */
    public static final Duration DURABLE_RETENTION = Duration.ofDays(30);
    /** Partitions of a new topic unless configured. */
    public static final int DEFAULT_PARTITIONS = 3;
    /** Replication factor unless configured: one local broker. Production: {@link #RECOMMENDED_REPLICATION_FACTOR}. */
    public static final int DEFAULT_REPLICATION_FACTOR = 1;
    /** The replication factor recommended in production. */
    public static final int RECOMMENDED_REPLICATION_FACTOR = 3;

    private static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private final int partitions;
    private final int replicationFactor;
    private final List<TopicSpec> specs;

    private TopicRequirements(int partitions, int replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("the replication factor must be at least 1, got " + replicationFactor);
        }
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.specs = Topics.all().stream().map(this::required).toList();
    }

    /** The requirements for topics of {@code partitions} partitions and {@code replicationFactor} replicas. */
    public static TopicRequirements of(int partitions, int replicationFactor) {
        return new TopicRequirements(partitions, replicationFactor);
    }

    /** The defaults of one local broker: {@link #DEFAULT_PARTITIONS}, {@link #DEFAULT_REPLICATION_FACTOR}. */
    public static TopicRequirements local() {
        return of(DEFAULT_PARTITIONS, DEFAULT_REPLICATION_FACTOR);
    }

    public int partitions() {
        return partitions;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    /** One spec per topic of {@link Topics#all()}, in that order. */
    public List<TopicSpec> specs() {
        return specs;
    }

    /** The spec of {@code topic}. */
    public TopicSpec spec(String topic) {
        return specs.stream().filter(spec -> spec.name().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a handoff topic: " + topic));
    }

    /**
     * Compares what the broker holds ({@code existing}, by topic name; topics absent from it are missing) with the
     * specs: every unsafe setting, by topic in {@link Topics#all()} order, then by rule.
     */
    public List<UnsafeSetting> compare(Map<String, TopicState> existing) {
        List<UnsafeSetting> unsafe = new ArrayList<>();
        for (TopicSpec spec : specs) {
            TopicState state = existing.get(spec.name());
            if (state == null) {
                unsafe.add(UnsafeSetting.missing(spec.name()));
                continue;
            }
            if (state.replicationFactor() < spec.replicationFactor()) {
                unsafe.add(new UnsafeSetting(spec.name(), UnsafeSetting.REPLICATION_FACTOR,
                        Integer.toString(state.replicationFactor()), "must be at least " + spec.replicationFactor()
                        + " (a partition reassignment, not --fix)", false));
            }
            for (ConfigRule rule : spec.rules()) {
                String actual = state.configs().get(rule.config());
                Optional<String> violation = rule.violation(actual);
                // min.insync.replicas above the replicas there are would refuse every acks=all write: not set until the
                // replication factor is raised.
                boolean fixable = !rule.config().equals(MIN_INSYNC_REPLICAS)
                        || Integer.parseInt(rule.createValue()) <= state.replicationFactor();
                violation.ifPresent(required -> unsafe.add(new UnsafeSetting(spec.name(), rule.config(), actual, required, fixable)));
            }
        }
        return unsafe;
    }

    private TopicSpec required(String topic) {
        List<ConfigRule> rules = new ArrayList<>();
        rules.add(new ConfigRule.Exactly("cleanup.policy", "delete"));
        switch (topic) {
            case Topics.PLANS -> rules.add(new ConfigRule.Exactly("retention.ms", "-1"));
            case Topics.REPLICATION_LAG, Topics.REPLICATION_DRIFT -> rules.add(new ConfigRule.AtLeast("retention.ms",
                    MIN_RETENTION.toMillis(), Long.toString(MIN_RETENTION.toMillis()), true));
            default -> rules.add(new ConfigRule.AtLeast("retention.ms", MIN_RETENTION.toMillis(),
                    Long.toString(DURABLE_RETENTION.toMillis()), true));
        }
        rules.add(new ConfigRule.Exactly("retention.bytes", "-1"));
        rules.add(new ConfigRule.Exactly("unclean.leader.election.enable", "false"));
        int minInSync = replicationFactor >= 3 ? 2 : 1;
        rules.add(new ConfigRule.AtLeast(MIN_INSYNC_REPLICAS, minInSync, Integer.toString(minInSync), false));
        return new TopicSpec(topic, partitions, replicationFactor, rules);
    }
}
