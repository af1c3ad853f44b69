package io.handoff.cli;

import io.handoff.common.topic.KafkaSecurityKeys;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka admin client's settings of {@code handoff topics}: the security settings from the environment variables
 * the services read too ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG},
 * {@code KAFKA_SSL_TRUSTSTORE_LOCATION|PASSWORD|TYPE}, {@code KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM}), so that a
 * Kubernetes init container checks the topics with its service's own principal; then a {@code --command-config} file's
 * properties, which win; then the bootstrap servers.
 */
final class KafkaAdminSettings {
    private KafkaAdminSettings() {
    }

    /** {@code KAFKA_SASL_JAAS_CONFIG} for {@code sasl.jaas.config}. */
    static String environmentName(String setting) {
        return "KAFKA_" + setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    static Map<String, Object> of(Map<String, String> environment, Path commandConfig, String bootstrapServers) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (String setting : KafkaSecurityKeys.ALL) {
            String value = environment.get(environmentName(setting));
            if (value != null && !value.isBlank()) {
                config.put(setting, value);
            }
        }
        if (commandConfig != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new PlannerException(ExitCodes.USAGE, "cannot read --command-config " + commandConfig + ": " + e);
            }
            properties.forEach((key, value) -> config.put(key.toString(), value));
        }
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }
}
