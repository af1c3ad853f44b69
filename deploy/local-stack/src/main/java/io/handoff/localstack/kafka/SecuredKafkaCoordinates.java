package io.handoff.localstack.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a client reaches a secured broker as one of handoff's principals: what a later change hands each service.
 * Holds every principal's password: give a service its own entry, never print it.
 *
 * @param bootstrapServers   {@code host:port} of the SASL_SSL listener
 * @param truststore         the PKCS12 truststore with the CA of the broker certificate
 * @param truststorePassword its password
 * @param clientProperties   by principal ({@code HandoffAcls.principals()}): {@code security.protocol},
 *                           {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.*}
 */
public record SecuredKafkaCoordinates(String bootstrapServers, Path truststore, String truststorePassword,
        Map<String, Map<String, String>> clientProperties) {

    public SecuredKafkaCoordinates {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        clientProperties.forEach((principal, properties) -> copy.put(principal, Map.copyOf(properties)));
        clientProperties = java.util.Collections.unmodifiableMap(copy);
    }

    /** The coordinates of {@code broker}, which must be secured. */
    public static SecuredKafkaCoordinates of(KafkaBroker broker) {
        KafkaSecurity security = broker.security();
        return new SecuredKafkaCoordinates(broker.bootstrapServers(), security.truststore(), security.truststorePassword(),
                security.clientPropertiesByPrincipal());
    }

    /** The client properties of {@code principal}, without {@code bootstrap.servers}. */
    public Map<String, String> clientProperties(String principal) {
        Map<String, String> properties = clientProperties.get(principal);
        if (properties == null) {
            throw new IllegalArgumentException("no Kafka principal '" + principal + "'; one of " + clientProperties.keySet());
        }
        return properties;
    }

    /** Without passwords. */
    @Override
    public String toString() {
        return "SecuredKafkaCoordinates[bootstrapServers=" + bootstrapServers + ", truststore=" + truststore
                + ", principals=" + clientProperties.keySet() + "]";
    }
}
