package io.handoff.common.topic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one topic must be: created with {@code partitions} and {@code replicationFactor}, and every config of
 * {@code rules} safe.
 *
 * @param name              the topic's name (one of {@link Topics#all()})
 * @param partitions        partitions a new topic gets (an existing topic keeps its own: adding partitions moves keys)
 * @param replicationFactor replicas a new topic gets, and the fewest an existing one may have
 * @param rules             the configs that matter, each with its safe values
 */
public record TopicSpec(String name, int partitions, int replicationFactor, List<ConfigRule> rules) {
    public TopicSpec {
        rules = List.copyOf(rules);
    }

    /** The configs a new topic is created with: every rule's {@link ConfigRule#createValue()}. */
    public Map<String, String> createConfigs() {
        Map<String, String> configs = new LinkedHashMap<>();
        rules.forEach(rule -> configs.put(rule.config(), rule.createValue()));
        return configs;
    }
}
