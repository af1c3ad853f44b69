package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.cutover.cluster.ClusterConnections;
import io.handoff.cutover.cluster.ClusterStateReport;
import io.handoff.cutover.config.CutoverConfig;
import jakarta.inject.Singleton;

/** What every SQL step handler needs, injected once: the registry, the warm connections, the state report and the settings. */
@Singleton
class StepSupport {
    final ClusterRegistry registry;
    final ClusterConnections connections;
    final ClusterStateReport stateReport;
    final CutoverConfig config;

    StepSupport(ClusterRegistry registry, ClusterConnections connections, ClusterStateReport stateReport, CutoverConfig config) {
        this.registry = registry;
        this.connections = connections;
        this.stateReport = stateReport;
        this.config = config;
    }
}
