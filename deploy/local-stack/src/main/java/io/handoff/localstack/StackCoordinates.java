package io.handoff.localstack;

import io.handoff.localstack.mariadb.DbAccount;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the parts of a running stack listen, as the configuration properties the services read.
 * The map holds the admin passwords of the two clusters: hand it to code under test, never print it
 * (use {@link #describe()} for people).
 */
public record StackCoordinates(String kafkaBootstrapServers, String sourceHost, int sourcePort, String targetHost,
        int targetPort, DbAccount clusterAccount, DbAccount replicationAccount, String route53Endpoint, String dnsServer,
        String rdsEndpoint, String rdsRegion) {

    /** Configuration properties for a handoff service (Quarkus names). */
    public Map<String, String> toProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        cluster(properties, "source", sourceHost, sourcePort);
        cluster(properties, "target", targetHost, targetPort);
        properties.put("handoff.route53.endpoint-override", route53Endpoint);
        properties.put("handoff.route53.dns-server", dnsServer);
        properties.put("handoff.rds.endpoint-override", rdsEndpoint);
        properties.put("handoff.rds.region", rdsRegion);
        rdsCluster(properties, "source", StackRds.SOURCE_CLUSTER_ID);
        rdsCluster(properties, "target", StackRds.TARGET_CLUSTER_ID);
        return properties;
    }

    private void cluster(Map<String, String> properties, String name, String host, int port) {
        String prefix = "handoff.clusters." + name + ".";
        properties.put(prefix + "host", host);
        properties.put(prefix + "port", Integer.toString(port));
        properties.put(prefix + "flavor", "mariadb");
        properties.put(prefix + "user", clusterAccount.user());
        properties.put(prefix + "password", clusterAccount.password());
        properties.put(prefix + "replication-user", replicationAccount.user());
        properties.put(prefix + "replication-password", replicationAccount.password());
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
                "  Kafka broker      " + kafkaBootstrapServers,
                "  MariaDB source    " + sourceHost + ":" + sourcePort + "  (cluster 'source', server_id 1)",
                "  MariaDB target    " + targetHost + ":" + targetPort + "  (cluster 'target', server_id 2)",
                "  Route 53 API      " + route53Endpoint,
                "  DNS (UDP)         " + dnsServer,
                "  RDS API           " + rdsEndpoint + "  (clusters " + StackRds.SOURCE_CLUSTER_ID + ", " + StackRds.TARGET_CLUSTER_ID + ")");
    }
}
