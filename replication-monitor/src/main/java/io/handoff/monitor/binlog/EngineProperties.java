package io.handoff.monitor.binlog;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Credentials;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import io.handoff.common.sql.SqlDialect;
import io.handoff.monitor.config.MonitorConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Every property of a plan's Debezium engine, typed, in one place: the values come from the cluster
 * registry and {@code handoff.monitor.binlog.*}, the fixed ones are constants here, and
 * {@link #toProperties()} is the only place that spells Debezium's keys. {@link #toString()} masks
 * the password (Debezium masks it too when it logs its configuration: {@code database.password} is
 * a password field).
 *
 * @param engineName          the engine's name, also the key of its offsets in the offset topic
 * @param connectorClass      Debezium's MariaDB connector for MariaDB, its MySQL connector for MySQL and Aurora
 * @param host                the source's host
 * @param port                the source's port
 * @param account             the account reading the binlog: the cluster's replication account when configured
 * @param serverId            the replica server id the engine's binlog client uses on the source
 * @param topicPrefix         Debezium's logical server name (no topic is written with it: the engine is embedded)
 * @param bootstrapServers    the Kafka cluster holding offsets and schema history
 * @param kafkaSecurity       the service's Kafka security settings ({@code KafkaClientSettings#security()}: protocol,
 *                            SASL, truststore; empty for a plaintext broker), given to every Kafka client of the
 *                            engine: the offset store's producer, consumer and admin client and the schema history's
 *                            producer, consumer and admin client
 * @param offsetTopic         the plan's offset topic
 * @param replicationFactor   the offset topic's replication factor
 * @param schemaHistoryTopic  the plan's schema history topic
 * @param offsetFlushInterval how often offsets are committed
 * @param snapshotLockingMode {@code none} or {@code minimal}, for the schema-only snapshot
 * @param maxBatchSize        Debezium's {@code max.batch.size}
 * @param maxQueueSize        Debezium's {@code max.queue.size}
 */
public record EngineProperties(String engineName, String connectorClass, String host, int port, Credentials account,
        long serverId, String topicPrefix, String bootstrapServers, Map<String, String> kafkaSecurity, String offsetTopic, short replicationFactor,
        String schemaHistoryTopic, Duration offsetFlushInterval, String snapshotLockingMode, int maxBatchSize,
        int maxQueueSize) {

    static final String MARIADB_CONNECTOR = "io.debezium.connector.mariadb.MariaDbConnector";
    static final String MYSQL_CONNECTOR = "io.debezium.connector.mysql.MySqlConnector";
    private static final long SERVER_ID_SPAN = 1_000_000_000L;

    /** Validates the values Debezium would otherwise refuse late, at start. */
    public EngineProperties {
        kafkaSecurity = Map.copyOf(kafkaSecurity);
        if (maxQueueSize <= maxBatchSize) {
            throw new IllegalArgumentException("handoff.monitor.binlog.max-queue-size (" + maxQueueSize
                    + ") must exceed max-batch-size (" + maxBatchSize + ")");
        }
        if (!snapshotLockingMode.equals("none") && !snapshotLockingMode.equals("minimal")) {
            throw new IllegalArgumentException("handoff.monitor.binlog.snapshot-locking-mode must be none or minimal, not "
                    + snapshotLockingMode);
        }
    }

    /** The engine of {@code planId} reading {@code source}. */
    public static EngineProperties forPlan(String planId, ClusterSpec source, MonitorConfig.Binlog config,
            String bootstrapServers, Map<String, String> kafkaSecurity) {
        String name = topicSafe(planId);
        return new EngineProperties("handoff-monitor-" + name, connectorClass(source.flavor()), source.host(), source.port(),
                source.replication(), serverId(planId, config.serverIdBase()), "handoff_monitor_" + name,
                bootstrapServers, kafkaSecurity, config.offsetTopicPrefix() + name, config.replicationFactor(),
                config.schemaHistoryTopicPrefix() + name, config.offsetFlushInterval(), config.snapshotLockingMode(),
                config.maxBatchSize(), config.maxQueueSize());
    }

    /** The connector that tails a server of {@code flavor}: its dialect's ({@link SqlDialect#binlogConnector()}). */
    static String connectorClass(ServerFlavor flavor) {
        return SqlDialect.of(flavor).binlogConnector();
    }

    /** A server id in [{@code base}, {@code base} + 10^9), the same for a plan every time. */
    static long serverId(String planId, long base) {
        return base + Math.floorMod((long) planId.hashCode() * 31 + planId.length(), SERVER_ID_SPAN);
    }

    /** {@code planId} with every character a Kafka topic name may not hold replaced by {@code _}. */
    static String topicSafe(String planId) {
        return planId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The engine's configuration, with the passwords in clear: hand it to the engine only. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("name", engineName);
        p.setProperty("connector.class", connectorClass);
        p.setProperty("tasks.max", "1");

        p.setProperty("database.hostname", host);
        p.setProperty("database.port", Integer.toString(port));
        p.setProperty("database.user", account.user());
        p.setProperty("database.password", account.password().reveal());
        p.setProperty("database.server.id", Long.toString(serverId));
        p.setProperty("topic.prefix", topicPrefix);

        // Stream only: the tables' schema is read, their rows are not.
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("snapshot.locking.mode", snapshotLockingMode);
        p.setProperty("include.schema.changes", "false");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("provide.transaction.metadata", "false");
        p.setProperty("max.batch.size", Integer.toString(maxBatchSize));
        p.setProperty("max.queue.size", Integer.toString(maxQueueSize));
        p.setProperty("poll.interval.ms", "50");

        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("offset.storage.topic", offsetTopic);
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("offset.storage.replication.factor", Short.toString(replicationFactor));
        p.setProperty("offset.flush.interval.ms", Long.toString(offsetFlushInterval.toMillis()));
        p.setProperty("offset.flush.timeout.ms", "10000");

        p.setProperty("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
        p.setProperty("schema.history.internal.kafka.bootstrap.servers", bootstrapServers);
        p.setProperty("schema.history.internal.kafka.topic", schemaHistoryTopic);
        // Its consumer subscribes: a group of the monitor's own (HandoffAcls grants the prefix), not a random one.
        p.setProperty("schema.history.internal.consumer.group.id", engineName + "-schema-history");

        // One principal for every client: the offset store's take the top-level keys (Connect's worker originals),
        // the schema history's their prefixed copies (its admin client uses the producer's).
        kafkaSecurity.forEach((key, value) -> {
            p.setProperty(key, value);
            p.setProperty("schema.history.internal.producer." + key, value);
            p.setProperty("schema.history.internal.consumer." + key, value);
        });
        return p;
    }

    /** Every component but the password, which shows as {@value Secret#MASK}. */
    @Override
    public String toString() {
        return "EngineProperties[engineName=" + engineName + ", connectorClass=" + connectorClass + ", host=" + host
                + ", port=" + port + ", account=" + account + ", serverId=" + serverId + ", offsetTopic=" + offsetTopic
                + ", schemaHistoryTopic=" + schemaHistoryTopic + "]";
    }
}
