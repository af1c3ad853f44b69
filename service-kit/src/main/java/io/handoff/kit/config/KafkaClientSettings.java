package io.handoff.kit.config;

import io.handoff.common.topic.KafkaSecurityKeys;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * How every Kafka client a service creates itself reaches the broker: {@code kafka.bootstrap.servers} and the security
 * settings {@link KafkaSecurityKeys#ALL} under {@code kafka.} (environment variables such as {@code KAFKA_SASL_JAAS_CONFIG} in
 * production). The same {@code kafka.*} properties reach SmallRye's channels on their own (Quarkus hands every
 * {@code kafka.*} property to each channel); the plain clients (the planner's plan log and dashboard tails, the
 * executors' ledger replay, the readiness check, the monitor's Debezium engines) take them from here, so that one
 * principal is used by everything a service opens. Unset security settings mean a plaintext, unauthenticated broker.
 *
 * <p>Holds passwords ({@code sasl.jaas.config}, {@code ssl.truststore.password}): {@link #toString()} and
 * {@link #describe()} show the principal's name only.
 */
@Singleton
public class KafkaClientSettings {
    private static final Logger LOG = Logger.getLogger(KafkaClientSettings.class);

    /** The Kafka client settings read from {@code kafka.<key>}, in this order. */
    private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private final String bootstrapServers;
    private final Map<String, String> security;

    @Inject
    public KafkaClientSettings(Config config) {
        this(config.getValue("kafka.bootstrap.servers", String.class), read(config));
    }

    /** Settings of {@code bootstrapServers} with {@code security} (keys of {@link KafkaSecurityKeys#ALL}, no prefix). */
    public KafkaClientSettings(String bootstrapServers, Map<String, String> security) {
        this.bootstrapServers = bootstrapServers;
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String key : KafkaSecurityKeys.ALL) {
            String value = security.get(key);
            if (value != null && !value.isBlank()) {
                ordered.put(key, value);
            }
        }
        for (String key : security.keySet()) {
            if (!KafkaSecurityKeys.ALL.contains(key)) {
                throw new IllegalArgumentException("not a Kafka security setting: " + key);
            }
        }
        this.security = Collections.unmodifiableMap(ordered);
    }

    private static Map<String, String> read(Config config) {
        Map<String, String> security = new HashMap<>();
        for (String key : KafkaSecurityKeys.ALL) {
            config.getOptionalValue("kafka." + key, String.class).ifPresent(value -> security.put(key, value));
        }
        return security;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The security settings that are set (Kafka client names, no {@code kafka.} prefix); with passwords. */
    public Map<String, String> security() {
        return security;
    }

    /**
     * {@code own} (a client's own settings) with {@code bootstrap.servers} and the security settings, as a new map for
     * a Kafka client's constructor. The security settings win over {@code own}: no client picks another principal.
     */
    public Map<String, Object> clientProperties(Map<String, ?> own) {
        Map<String, Object> properties = new HashMap<>(own);
        properties.put("bootstrap.servers", bootstrapServers);
        properties.putAll(security);
        return properties;
    }

    /** The SASL user of {@code sasl.jaas.config} (the principal is {@code User:<name>}); empty without SASL. */
    public Optional<String> principal() {
        String jaas = security.get("sasl.jaas.config");
        if (jaas == null) {
            return Optional.empty();
        }
        Matcher matcher = USERNAME.matcher(jaas);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** {@code security.protocol}, {@code PLAINTEXT} when unset. */
    public String protocol() {
        return security.getOrDefault("security.protocol", "PLAINTEXT");
    }

    /** For people: the principal's name, the protocol and the mechanism; never a password. */
    public String describe() {
        String who = principal().map(name -> "principal " + name).orElse("no principal");
        String mechanism = security.containsKey("sasl.mechanism") ? ", " + security.get("sasl.mechanism") : "";
        return who + " (" + protocol() + mechanism + ") at " + bootstrapServers;
    }

    void logAtStart(@Observes StartupEvent start) {
        LOG.infof("Kafka: every client of this service connects as %s", describe());
    }

    /** Without passwords. */
    @Override
    public String toString() {
        return "KafkaClientSettings[" + describe() + "]";
    }
}
