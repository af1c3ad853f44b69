package io.handoff.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("issue-22")
class KafkaClientSettingsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"cutover\" password=\"s3cret-jaas\";";
    private static final Map<String, String> SECURED = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", JAAS,
            "ssl.truststore.location", "/etc/handoff/truststore.p12",
            "ssl.truststore.password", "s3cret-store",
            "ssl.truststore.type", "PKCS12");

    @Test
    void everyClientGetsTheBootstrapServersAndTheSecuritySettings() {
        KafkaClientSettings settings = new KafkaClientSettings("broker:9093", SECURED);

        Map<String, Object> producer = settings.clientProperties(Map.of("acks", "all", "security.protocol", "PLAINTEXT"));

        assertThat(producer).containsEntry("bootstrap.servers", "broker:9093").containsEntry("acks", "all")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.password", "s3cret-store");
    }

    @Test
    void namesThePrincipalButNoPassword() {
        KafkaClientSettings settings = new KafkaClientSettings("broker:9093", SECURED);

        assertThat(settings.principal()).contains("cutover");
        assertThat(settings.describe()).isEqualTo("principal cutover (SASL_SSL, SCRAM-SHA-512) at broker:9093");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void withoutSecuritySettingsClientsStayPlaintext() {
        KafkaClientSettings settings = new KafkaClientSettings("127.0.0.1:9092", Map.of());

        assertThat(settings.clientProperties(Map.of())).containsOnlyKeys("bootstrap.servers");
        assertThat(settings.principal()).isEmpty();
        assertThat(settings.describe()).isEqualTo("no principal (PLAINTEXT) at 127.0.0.1:9092");
    }

    @Test
    void refusesAnythingButSecuritySettings() {
        assertThatThrownBy(() -> new KafkaClientSettings("b:1", Map.of("acks", "all")))
                .hasMessageContaining("acks");
    }
}
