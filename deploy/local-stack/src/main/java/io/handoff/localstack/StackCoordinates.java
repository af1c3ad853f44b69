package io.handoff.localstack;

import io.handoff.localstack.db.StackFlavor;
import io.handoff.localstack.kafka.SecuredKafkaCoordinates;
import io.handoff.localstack.mariadb.DbAccount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the parts of a running stack listen, as the configuration properties the services read.
 * The map holds the admin passwords of the two clusters (and with a secured broker the service's Kafka password): hand
 * it to code under test, never print it (use {@link #describe()} for people).
 *
 * @param securedKafka with a secured broker ({@code LocalStackOptions#secureKafka()}), each principal's client
 *                     properties; empty for the default, plaintext broker
 */
public record StackCoordinates(String kafkaBootstrapServers, Side source, Side target, DbAccount replicationAccount,
        String route53Endpoint, String dnsServer, String rdsEndpoint, String rdsRegion,
        Optional<SecuredKafkaCoordinates> securedKafka) {

    public StackCoordinates {
        Objects.requireNonNull(securedKafka, "securedKafka");
    }

    /** The coordinates of a stack with a plaintext broker. */
    public StackCoordinates(String kafkaBootstrapServers, Side source, Side target, DbAccount replicationAccount,
            String route53Endpoint, String dnsServer, String rdsEndpoint, String rdsRegion) {
        this(kafkaBootstrapServers, source, target, replicationAccount, route53Endpoint, dnsServer, rdsEndpoint, rdsRegion,
                Optional.empty());
    }

    /**
     * One cluster of the stack as the services' registry names it, and where applications reach it through the
     * RDS emulator.
     *
     * @param host         the server's own address, which handoff's services connect to
     * @param port         the server's port
     * @param account      the administrative account handoff uses on it (Aurora-like MySQL: the master user)
     * @param endpointHost the address of the cluster's application endpoint (the emulator's relay to the server,
     *                     which its security groups open and close; {@link StackRds})
     * @param endpointPort the endpoint's port, the same for both clusters
     */
    public record Side(String host, int port, StackFlavor flavor, DbAccount account, String endpointHost, int endpointPort) {
    }

    /**
     * Configuration properties for a handoff service (Quarkus names) on a plaintext broker. A secured broker needs to
     * know who connects: {@link #toProperties(String)}.
     *
     * @throws IllegalStateException when the broker is secured
     */
    public Map<String, String> toProperties() {
        if (securedKafka.isPresent()) {
            throw new IllegalStateException("the stack's Kafka broker is secured: name the service's principal, "
                    + "toProperties(principal)");
        }
        return properties();
    }

    /**
     * Configuration properties for the handoff service that connects to Kafka as {@code principal} (one of
     * {@code HandoffAcls.components()}): with a secured broker, {@link #toProperties()}'s plus that principal's
     * {@code kafka.security.protocol}, {@code kafka.sasl.*} and {@code kafka.ssl.truststore.*} (its password and the
     * truststore's among them); with a plaintext broker exactly {@link #toProperties()}'s.
     */
    public Map<String, String> toProperties(String principal) {
        Map<String, String> properties = properties();
        securedKafka.ifPresent(secured -> {
            properties.put("kafka.bootstrap.servers", secured.bootstrapServers());
            secured.clientProperties(principal).forEach((key, value) -> properties.put("kafka." + key, value));
        });
        return properties;
    }

    private Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        // No handoff.topics.create: the stack created every topic with its required settings, and the planner checks them.
        cluster(properties, "source", source);
        cluster(properties, "target", target);
        properties.put("handoff.route53.endpoint-override", route53Endpoint);
        properties.put("handoff.route53.dns-server", dnsServer);
        properties.put("handoff.rds.endpoint-override", rdsEndpoint);
        properties.put("handoff.rds.region", rdsRegion);
        rdsCluster(properties, "source", StackRds.SOURCE_CLUSTER_ID);
        rdsCluster(properties, "target", StackRds.TARGET_CLUSTER_ID);
        return properties;
    }

    private void cluster(Map<String, String> properties, String name, Side side) {
        properties.putAll(ClusterRegistration.of(name, side.host(), side.port(), registryFlavor(side.flavor()),
                side.account(), replicationAccount));
    }

    private static String registryFlavor(StackFlavor flavor) {
        return switch (flavor) {
            case MARIADB -> "mariadb";
            case MYSQL -> "mysql8";
            case AURORA_MYSQL -> "aurora-mysql";
        };
    }

    private static void rdsCluster(Map<String, String> properties, String name, String clusterId) {
        String prefix = "handoff.rds.clusters." + name + ".";
        properties.put(prefix + "cluster-id", clusterId);
        properties.put(prefix + "security-groups", StackRds.APPLICATION_GROUP);
        properties.put(prefix + "restricted-security-group", StackRds.RESTRICTED_GROUP);
    }

    /** A human-readable list of addresses, without secrets. */
    public String describe() {
        return String.join("\n",
                "  Kafka broker      " + kafkaBootstrapServers + securedKafka.map(secured -> "  (SASL_SSL, SCRAM-SHA-512, "
                        + "ACLs; a principal per service)").orElse(""),
                "  source            " + source.host() + ":" + source.port() + "  (cluster 'source', " + source.flavor().optionName()
                        + ", server_id 1)",
                "  target            " + target.host() + ":" + target.port() + "  (cluster 'target', " + target.flavor().optionName()
                        + ", server_id 2)",
                "  Route 53 API      " + route53Endpoint,
                "  DNS (UDP)         " + dnsServer,
                "  RDS API           " + rdsEndpoint + "  (clusters " + StackRds.SOURCE_CLUSTER_ID + ", " + StackRds.TARGET_CLUSTER_ID + ")",
                "  RDS endpoints     " + source.endpointHost() + ":" + source.endpointPort() + "  (" + StackRds.SOURCE_CLUSTER_ID
                        + " -> source), " + target.endpointHost() + ":" + target.endpointPort() + "  ("
                        + StackRds.TARGET_CLUSTER_ID + " -> target)");
    }
}
