package io.handoff.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.topic.HandoffAcls;
import io.handoff.localstack.db.StackFlavor;
import io.handoff.localstack.kafka.SecuredKafkaCoordinates;
import io.handoff.localstack.mariadb.DbAccount;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class StackCoordinatesTest {
    private static final DbAccount ADMIN = new DbAccount("handoff_admin", "s3cret-admin");

    private final StackCoordinates coordinates = new StackCoordinates("127.0.0.1:9092",
            new StackCoordinates.Side("127.0.0.2", 3306, StackFlavor.MARIADB, ADMIN, "127.0.1.2", 4306),
            new StackCoordinates.Side("127.0.0.3", 3306, StackFlavor.MARIADB, ADMIN, "127.0.1.3", 4306),
            new DbAccount("handoff_repl", "s3cret-repl"), "http://127.0.0.1:8053", "127.0.0.1:5353",
            "http://127.0.0.1:8054", "us-east-1");

    @Test
    void theDescriptionNamesEachClustersApplicationEndpointAndNoPassword() {
        String described = coordinates.describe();

        assertThat(described).contains("RDS endpoints     127.0.1.2:4306  (handoff-source -> source), 127.0.1.3:4306"
                + "  (handoff-target -> target)");
        assertThat(described).doesNotContain("s3cret");
    }

    @Test
    @Tag("issue-22")
    void withAPlaintextBrokerEveryPrincipalGetsTheSameProperties() {
        assertThat(coordinates.toProperties(HandoffAcls.CUTOVER)).isEqualTo(coordinates.toProperties())
                .doesNotContainKeys("kafka.security.protocol", "kafka.sasl.jaas.config");
    }

    @Test
    @Tag("issue-22")
    void withASecuredBrokerEachServiceGetsItsOwnPrincipalOnly() {
        StackCoordinates secured = new StackCoordinates("127.0.0.1:9093", coordinates.source(), coordinates.target(),
                coordinates.replicationAccount(), coordinates.route53Endpoint(), coordinates.dnsServer(),
                coordinates.rdsEndpoint(), coordinates.rdsRegion(), Optional.of(new SecuredKafkaCoordinates("127.0.0.1:9093",
                        Path.of("/stack/truststore.p12"), "store-s3cret", Map.of(
                                HandoffAcls.CUTOVER, Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "cutover-jaas"),
                                HandoffAcls.DNS, Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "dns-jaas")))));

        Map<String, String> cutover = secured.toProperties(HandoffAcls.CUTOVER);

        assertThat(cutover).containsEntry("kafka.bootstrap.servers", "127.0.0.1:9093")
                .containsEntry("kafka.security.protocol", "SASL_SSL").containsEntry("kafka.sasl.jaas.config", "cutover-jaas")
                .containsEntry("handoff.clusters.source.host", "127.0.0.2");
        assertThat(cutover.values()).doesNotContain("dns-jaas");
        assertThatThrownBy(secured::toProperties).isInstanceOf(IllegalStateException.class);
        assertThat(secured.describe()).contains("SASL_SSL").doesNotContain("s3cret", "jaas");
    }

    @Test
    void theServicesAreConfiguredWithTheServersOwnAddresses() {
        assertThat(coordinates.toProperties()).containsEntry("handoff.clusters.source.host", "127.0.0.2")
                .containsEntry("handoff.clusters.target.host", "127.0.0.3")
                .containsEntry("handoff.rds.clusters.target.cluster-id", StackRds.TARGET_CLUSTER_ID);
    }
}
