package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.cluster.ReplicaState;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import io.handoff.common.event.StepCommand;
import java.util.List;

/**
 * STOP_REPLICA(cluster): stops both replication threads of the new master once it has caught up,
 * keeping the configuration (RESET_REPLICA forgets it later, ROLLBACK may start it again).
 * {@code alreadyApplied} when it is not a replica or both threads are already stopped ({@link CutoverFacts.StopReplica}).
 */
@Singleton
class StopReplicaHandler extends SqlStepHandler<CutoverFacts.StopReplica> {

    StopReplicaHandler(StepSupport support) {
        super(StepType.STOP_REPLICA, support, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.StopReplica converge(StepArguments args) throws SQLException, StepFailedException {
        try (ClusterSession session = open(args.cluster())) {
            boolean stopped = ClusterState.replica(session).map(ReplicaState::stopped).orElse(true);
            if (!stopped) {
                session.execute(session.dialect().stopReplica());
            }
            return new CutoverFacts.StopReplica(stopped);
        }
    }

    /** Prepared: a replica whose threads run now is stopped inside the window without reading its state again. */
    @Override
    protected Step<CutoverFacts.StopReplica> prepare(StepArguments args, List<StepCommand> earlier)
            throws SQLException, StepFailedException {
        try (ClusterSession session = open(args.cluster())) {
            if (!ClusterState.replica(session).map(ReplicaState::running).orElse(false)) {
                return super.prepare(args, earlier);
            }
        }
        return () -> {
            try (ClusterSession session = open(args.cluster())) {
                session.execute(session.dialect().stopReplica());
                return new CutoverFacts.StopReplica(false);
            }
        };
    }
}
