package io.handoff.cutover.rds;

import io.handoff.cutover.config.RdsConfig;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Which registered clusters the RDS API manages ({@code handoff.rds.clusters.<name>.*}), and their clients. */
@Singleton
public class ManagedClusters {
    private final RdsConfig config;
    private final RdsClients clients;

    ManagedClusters(RdsConfig config, RdsClients clients) {
        this.config = config;
        this.clients = clients;
    }

    /** The RDS side of cluster {@code name}, if configured. */
    public Optional<RdsTarget> find(String name) {
        RdsConfig.Cluster cluster = config.clusters().get(name);
        if (cluster == null) {
            return Optional.empty();
        }
        return Optional.of(new RdsTarget(name, cluster.clusterId(), clients.regionOf(cluster), cluster.securityGroups(),
                cluster.restrictedSecurityGroup(), clients.forCluster(cluster)));
    }

    /** The RDS side of cluster {@code name}; a terminal failure naming the settings when it is not configured. */
    public RdsTarget require(String name, String purpose) throws StepFailedException {
        Optional<RdsTarget> target = find(name);
        if (target.isEmpty()) {
            throw StepFailedException.terminal(purpose + " on " + name + " needs the cluster's RDS settings, which are missing: "
                    + missingSettings(name), "nothing was changed on " + name);
        }
        return target.get();
    }

    /** What is wrong with cluster {@code name}'s RDS settings for a security group swap; empty when nothing is. */
    public Optional<String> swapProblem(String name) {
        RdsConfig.Cluster cluster = config.clusters().get(name);
        if (cluster == null) {
            return Optional.of("no RDS settings: " + missingSettings(name));
        }
        List<String> normal = cluster.securityGroups();
        if (normal.isEmpty()) {
            return Optional.of("handoff.rds.clusters." + name + ".security-groups is empty");
        }
        if (normal.contains(cluster.restrictedSecurityGroup())) {
            return Optional.of("the restricted group " + cluster.restrictedSecurityGroup() + " is among the cluster's normal groups "
                    + normal + ": swapping would not fence anything");
        }
        return Optional.empty();
    }

    private static String missingSettings(String name) {
        String prefix = "handoff.rds.clusters." + name + ".";
        return "set " + prefix + "cluster-id, " + prefix + "security-groups and " + prefix + "restricted-security-group";
    }
}
