package io.handoff.common.topic;

import java.util.List;

/**
 * The Kafka client settings that make a principal: read under {@code kafka.} by every service (service-kit's
 * {@code KafkaClientSettings}) and from the same environment variables ({@code KAFKA_SASL_JAAS_CONFIG}, ...) by the
 * {@code handoff topics} command. Several hold passwords ({@code sasl.jaas.config}, {@code ssl.truststore.password}).
 */
public final class KafkaSecurityKeys {
    /** Every such setting, without prefix. */
    public static final List<String> ALL = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type",
            "ssl.endpoint.identification.algorithm");

    private KafkaSecurityKeys() {
    }
}
