package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Credentials;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.cluster.ReplicaState;
import java.sql.SQLException;
import java.util.Optional;

/** Replica configuration changes shared by the steps, each done only when needed. */
final class ReplicaControl {

    private ReplicaControl() {
    }

    /**
     * Stops replication and forgets its configuration (stop first: the reset needs stopped threads).
     *
     * @return {@code false} when the server was not a replica and nothing was done
     */
    static boolean forget(ClusterSession replica) throws SQLException {
        if (ClusterState.replica(replica).isEmpty()) {
            return false;
        }
        replica.execute(replica.dialect().stopReplica());
        replica.execute(replica.dialect().resetReplicaAll());
        return true;
    }

    /**
     * Starts the configured replication unless both threads run. Never re-points it: its position has
     * moved on since it was configured, and configuring it again would replay or skip transactions.
     *
     * @return {@code true} when it had to be started
     */
    static boolean resume(ClusterSession replica, ReplicaState current) throws SQLException {
        if (current.running()) {
            return false;
        }
        replica.execute(replica.dialect().startReplica());
        return true;
    }

    /**
     * Replaces whatever replica configuration exists with replication from {@code source} at
     * {@code position}, with the source's replication account, over TLS when {@code encrypted}, and starts it.
     */
    static void configure(ClusterSession replica, Optional<ReplicaState> current, ClusterSpec source, String position,
            boolean encrypted) throws SQLException {
        if (current.isPresent()) {
            forget(replica);
        }
        Credentials account = source.replication();
        replica.executeAll(replica.dialect().changeSource(source.host(), source.port(), account.user(), account.password(),
                position, encrypted));
        replica.execute(replica.dialect().startReplica());
    }
}
