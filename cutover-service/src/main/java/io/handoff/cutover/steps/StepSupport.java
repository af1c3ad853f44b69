package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.cutover.cluster.ClusterConnections;
import io.handoff.cutover.cluster.ClusterStateReport;
import io.handoff.cutover.config.CutoverConfig;
import io.handoff.cutover.rds.ClusterSnapshots;
import io.handoff.cutover.rds.ManagedClusters;
import io.handoff.cutover.rds.SecurityGroupSwap;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * What every SQL step handler needs, injected once: the registry, the warm connections, the state report,
 * the settings, and the RDS API for the clusters it manages (security group swap, cluster snapshots).
 */
@Singleton
class StepSupport {
    final ClusterRegistry registry;
    final ClusterConnections connections;
    final ClusterStateReport stateReport;
    final CutoverConfig config;
    final ManagedClusters managedClusters;
    final SecurityGroupSwap securityGroups;
    final ClusterSnapshots clusterSnapshots;

    @Inject
    StepSupport(ClusterRegistry registry, ClusterConnections connections, ClusterStateReport stateReport, CutoverConfig config,
            ManagedClusters managedClusters, SecurityGroupSwap securityGroups, ClusterSnapshots clusterSnapshots) {
        this.registry = registry;
        this.connections = connections;
        this.stateReport = stateReport;
        this.config = config;
        this.managedClusters = managedClusters;
        this.securityGroups = securityGroups;
        this.clusterSnapshots = clusterSnapshots;
    }

    /** Without the RDS API: for handlers tested on self-managed servers only. */
    StepSupport(ClusterRegistry registry, ClusterConnections connections, ClusterStateReport stateReport, CutoverConfig config) {
        this(registry, connections, stateReport, config, null, null, null);
    }
}
