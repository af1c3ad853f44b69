package io.handoff.monitor.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Credentials;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class EnginePropertiesTest {
    private static final Secret ADMIN_PASSWORD = Secret.of("admin-s3cret");
    private static final Secret REPL_PASSWORD = Secret.of("repl-s3cret");

    private static ClusterSpec cluster(ServerFlavor flavor, Credentials replication) {
        return new ClusterSpec("onprem-main", "db1.example", 3306, flavor, "admin", ADMIN_PASSWORD, replication);
    }

    private static EngineProperties engine(ClusterSpec source, String planId) {
        return new EngineProperties("handoff-monitor-" + EngineProperties.topicSafe(planId),
                EngineProperties.connectorClass(source.flavor()), source.host(), source.port(), source.replication(),
                EngineProperties.serverId(planId, 1_000_000), "handoff_monitor_x", "127.0.0.1:9092", Map.of(),
                "handoff.monitor.offsets." + EngineProperties.topicSafe(planId), (short) 1,
                "handoff.monitor.schema-history." + EngineProperties.topicSafe(planId), Duration.ofSeconds(1), "none",
                2048, 8192);
    }

    @Test
    void mariaDbTailsWithTheMariaDbConnectorAndMySqlFlavorsWithTheMySqlConnector() {
        assertThat(EngineProperties.connectorClass(ServerFlavor.MARIADB)).isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(EngineProperties.connectorClass(ServerFlavor.MYSQL_8)).isEqualTo("io.debezium.connector.mysql.MySqlConnector");
        assertThat(EngineProperties.connectorClass(ServerFlavor.AURORA_MYSQL)).isEqualTo("io.debezium.connector.mysql.MySqlConnector");
    }

    @Test
    void streamsWithoutDataSnapshotWithOffsetsAndSchemaHistoryInThePlansKafkaTopics() {
        Properties properties = engine(cluster(ServerFlavor.MARIADB, new Credentials("repl", REPL_PASSWORD)), "plan-1").toProperties();
        assertThat(properties)
                .containsEntry("snapshot.mode", "no_data")
                .containsEntry("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore")
                .containsEntry("offset.storage.topic", "handoff.monitor.offsets.plan-1")
                .containsEntry("offset.storage.partitions", "1")
                .containsEntry("offset.storage.replication.factor", "1")
                .containsEntry("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory")
                .containsEntry("schema.history.internal.kafka.topic", "handoff.monitor.schema-history.plan-1")
                .containsEntry("schema.history.internal.kafka.bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("name", "handoff-monitor-plan-1");
    }

    @Test
    @Tag("issue-22")
    void everyKafkaClientOfTheEngineUsesTheServicesPrincipal() {
        ClusterSpec source = cluster(ServerFlavor.MARIADB, new Credentials("repl", REPL_PASSWORD));
        Map<String, String> security = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"monitor\" password=\"kafka-s3cret\";");
        EngineProperties engine = new EngineProperties("handoff-monitor-p", EngineProperties.MARIADB_CONNECTOR, "h", 1,
                source.replication(), 1, "t", "b:1", security, "handoff.monitor.offsets.p", (short) 1,
                "handoff.monitor.schema-history.p", Duration.ofSeconds(1), "none", 2048, 8192);

        Properties properties = engine.toProperties();

        for (String prefix : new String[] {"", "schema.history.internal.producer.", "schema.history.internal.consumer."}) {
            assertThat(properties).containsEntry(prefix + "security.protocol", "SASL_SSL")
                    .containsEntry(prefix + "sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry(prefix + "sasl.jaas.config", security.get("sasl.jaas.config"));
        }
        assertThat(properties).containsEntry("schema.history.internal.consumer.group.id",
                "handoff-monitor-p-schema-history");
        assertThat(engine.toString()).doesNotContain("kafka-s3cret");
    }

    @Test
    void readsTheBinlogAsTheReplicationAccountWhenConfiguredElseAsTheAdmin() {
        Properties replication = engine(cluster(ServerFlavor.MARIADB, new Credentials("repl", REPL_PASSWORD)), "p").toProperties();
        assertThat(replication).containsEntry("database.user", "repl").containsEntry("database.password", "repl-s3cret");
        ClusterSpec adminOnly = new ClusterSpec("onprem-main", "db1.example", 3306, ServerFlavor.MYSQL_8, "admin", ADMIN_PASSWORD);
        assertThat(engine(adminOnly, "p").toProperties()).containsEntry("database.user", "admin")
                .containsEntry("database.password", "admin-s3cret");
    }

    @Test
    void neverShowsThePassword() {
        EngineProperties properties = engine(cluster(ServerFlavor.MARIADB, new Credentials("repl", REPL_PASSWORD)), "p");
        assertThat(properties.toString()).doesNotContain("s3cret").contains("****");
    }

    @Test
    void serverIdsAreStablePerPlanAndTopicNamesOnlyHoldLegalCharacters() {
        assertThat(EngineProperties.serverId("plan-a", 1_000_000)).isEqualTo(EngineProperties.serverId("plan-a", 1_000_000))
                .isNotEqualTo(EngineProperties.serverId("plan-b", 1_000_000))
                .isBetween(1_000_000L, 1_001_000_000L);
        assertThat(EngineProperties.topicSafe("plan/ä b")).isEqualTo("plan___b");
    }

    @Test
    void refusesAQueueNoLargerThanABatch() {
        ClusterSpec source = cluster(ServerFlavor.MARIADB, new Credentials("repl", REPL_PASSWORD));
        assertThatThrownBy(() -> new EngineProperties("n", EngineProperties.MARIADB_CONNECTOR, "h", 1, source.replication(), 1,
                "t", "b", Map.of(), "o", (short) 1, "s", Duration.ofSeconds(1), "none", 2048, 2048))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-queue-size");
    }
}
