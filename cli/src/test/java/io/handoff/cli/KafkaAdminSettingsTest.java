package io.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaAdminSettingsTest {
    private static final Map<String, String> SERVICE_ENVIRONMENT = Map.of(
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"dns\" password=\"p\";",
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/handoff/kafka-ca/ca.p12",
            "KAFKA_SSL_TRUSTSTORE_PASSWORD", "t",
            "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
            "KAFKA_BOOTSTRAP_SERVERS", "ignored:9092",
            "KAFKA_GROUP_ID", "not a security setting");

    @Test
    void anInitContainerChecksTheTopicsWithItsServicesOwnPrincipalFromTheSameVariables() {
        Map<String, Object> config = KafkaAdminSettings.of(SERVICE_ENVIRONMENT, null, "kafka:9093");

        assertThat(config).containsOnly(entry("security.protocol", "SASL_SSL"), entry("sasl.mechanism", "SCRAM-SHA-512"),
                entry("sasl.jaas.config", SERVICE_ENVIRONMENT.get("KAFKA_SASL_JAAS_CONFIG")),
                entry("ssl.truststore.location", "/etc/handoff/kafka-ca/ca.p12"), entry("ssl.truststore.password", "t"),
                entry("ssl.truststore.type", "PKCS12"), entry("bootstrap.servers", "kafka:9093"));
    }

    @Test
    void aCommandConfigFileWinsOverTheEnvironmentAndTheBootstrapServersOptionOverBoth(@TempDir Path dir) throws IOException {
        Path admin = dir.resolve("admin.properties");
        Files.writeString(admin, "sasl.jaas.config=admin's\nbootstrap.servers=file:1\n");

        Map<String, Object> config = KafkaAdminSettings.of(SERVICE_ENVIRONMENT, admin, "kafka:9093");

        assertThat(config).contains(entry("sasl.jaas.config", "admin's"), entry("security.protocol", "SASL_SSL"),
                entry("bootstrap.servers", "kafka:9093"));
    }

    @Test
    void withoutSecurityVariablesTheClientConnectsInPlaintext() {
        assertThat(KafkaAdminSettings.of(Map.of("KAFKA_SASL_JAAS_CONFIG", " "), null, "kafka:9092"))
                .containsOnly(entry("bootstrap.servers", "kafka:9092"));
        assertThat(KafkaAdminSettings.environmentName("ssl.truststore.location")).isEqualTo("KAFKA_SSL_TRUSTSTORE_LOCATION");
    }
}
