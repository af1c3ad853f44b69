package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.cluster.ReplicaState;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * REVERSE_REPLICATION(cluster = A, sourceCluster = B, position = B's captured position, strategies and
 * exemptUsers (how A is fenced)): the old
 * master replicates from the new one, so that the flip can be reversed without losing a row. Uses
 * B's replication account.
 *
 * <p>Converging: when A already replicates from B's host and port, it is only started if a thread is
 * stopped, never re-pointed (A has applied part of B's stream since, and re-pointing it at the
 * captured position would apply that part twice); {@code alreadyApplied} when both threads run.
 * Refused while A is writable (it would be a second master fed by B) and while A runs replication
 * from another source (RESET_REPLICA(A) comes first in the flip). Before it replicates, A is held read-only
 * by its own switch ({@link WriteFence#holdReplicaOf}: fact {@code replicaReadOnly}; refused under account-lock
 * when B binlogs its locks and A cannot be held), as the target is from START_REPLICATION.
 */
@Singleton
class ReverseReplicationHandler extends SqlStepHandler {

    ReverseReplicationHandler(StepSupport support) {
        super(StepType.REVERSE_REPLICATION, support, StepParams.CLUSTER, StepParams.SOURCE_CLUSTER);
    }

    @Override
    protected void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException {
        ClusterSpec a = args.cluster(StepParams.CLUSTER);
        ClusterSpec b = args.cluster(StepParams.SOURCE_CLUSTER);
        String position = args.position(StepParams.POSITION);
        WriteFence fence = WriteFence.of(support, args);
        try (ClusterSession sa = open(a); ClusterSession sb = open(b)) {
            if (!fence.closed(sa)) {
                throw refuse(args, a.name() + " (A) takes application writes and would become a second master fed by " + b.name(),
                        "A must stay read-only; nothing was changed");
            }
            // Read-only by its own switch while it replicates, whatever the strategy: what B binlogs (account-lock's
            // unlock where B's account cannot keep it out of the binlog) opens nothing on A.
            fence.holdReplicaOf(sb, sa, facts);
            Optional<ReplicaState> current = ClusterState.replica(sa);
            if (current.isPresent() && current.get().replicatesFrom(b)) {
                facts.put(StepParams.FACT_ALREADY_APPLIED, !ReplicaControl.resume(sa, current.get()));
                return;
            }
            if (current.isPresent() && !current.get().stopped()) {
                throw refuse(args, a.name() + " (A) is " + current.get().describe(),
                        "run RESET_REPLICA on A first; nothing was changed");
            }
            ReplicaControl.configure(sa, current, b, position, args.replicationEncrypted());
            facts.put(StepParams.FACT_ALREADY_APPLIED, false);
        }
    }
}
