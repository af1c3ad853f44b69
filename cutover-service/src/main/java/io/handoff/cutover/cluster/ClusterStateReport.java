package io.handoff.cutover.cluster;

import io.handoff.common.cluster.ClusterSpec;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Describes, after a failure, the state the clusters were left in ("source read-only, not a replica;
 * target writable, replicating from 127.0.0.2:3306 (io=Yes, sql=No)"): what a rollback or an
 * operator starts from. Reads it live; a cluster that cannot be read is reported as unknown with why.
 */
@Singleton
public class ClusterStateReport {
    private final ClusterConnections connections;

    public ClusterStateReport(ClusterConnections connections) {
        this.connections = connections;
    }

    /** One clause per cluster, in the given order. */
    public String describe(List<ClusterSpec> clusters) {
        return clusters.stream().distinct().map(this::describe).collect(Collectors.joining("; "));
    }

    private String describe(ClusterSpec cluster) {
        try (ClusterSession session = connections.open(cluster)) {
            return cluster.name() + " " + (ClusterState.readOnly(session) ? "read-only" : "writable") + ", "
                    + ClusterState.replica(session).map(ReplicaState::describe).orElse("not a replica");
        } catch (SQLException e) {
            return cluster.name() + " unknown (" + e.getMessage() + ")";
        }
    }
}
