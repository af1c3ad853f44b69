package io.handoff.common.topic;

import java.util.Map;

/**
 * What the broker says about one existing topic.
 *
 * @param name              the topic's name
 * @param partitions        its number of partitions
 * @param replicationFactor the smallest number of replicas of any of its partitions
 * @param configs           every config the broker reports for it, defaults included
 */
public record TopicState(String name, int partitions, int replicationFactor, Map<String, String> configs) {
    public TopicState {
        configs = Map.copyOf(configs);
    }
}
