package io.handoff.kit.config;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Credentials;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns the configured clusters into the {@link ClusterRegistry} of {@code common}, once per service. */
@ApplicationScoped
public class ClusterRegistryProducer {

    @Produces
    @Singleton
    ClusterRegistry clusterRegistry(ClustersConfig config) {
        Map<String, ClusterSpec> clusters = new LinkedHashMap<>();
        config.clusters().forEach((name, cluster) -> clusters.put(name, spec(name, cluster)));
        return new ClusterRegistry(clusters);
    }

    private static ClusterSpec spec(String name, ClustersConfig.Cluster cluster) {
        Credentials replication = new Credentials(cluster.replicationUser().orElse(cluster.user()),
                Secret.of(cluster.replicationPassword().orElse(cluster.password())));
        return new ClusterSpec(name, cluster.host(), cluster.port(), ServerFlavor.parse(cluster.flavor()),
                cluster.user(), Secret.of(cluster.password()), replication);
    }
}
