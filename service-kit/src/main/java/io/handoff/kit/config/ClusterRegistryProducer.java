package io.handoff.kit.config;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
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
        config.clusters().forEach((name, cluster) -> clusters.put(name, new ClusterSpec(name, cluster.host(),
                cluster.port(), ServerFlavor.parse(cluster.flavor()), cluster.user(), Secret.of(cluster.password()))));
        return new ClusterRegistry(clusters);
    }
}
