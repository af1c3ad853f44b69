package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;

/**
 * RESET_REPLICA(cluster): stops replication and forgets its configuration entirely.
 * {@code alreadyApplied} when the server is not a replica ({@link CutoverFacts.ResetReplica}).
 */
@Singleton
class ResetReplicaHandler extends SqlStepHandler<CutoverFacts.ResetReplica> {

    ResetReplicaHandler(StepSupport support) {
        super(StepType.RESET_REPLICA, support, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.ResetReplica converge(StepArguments args) throws SQLException, StepFailedException {
        try (ClusterSession session = open(args.cluster())) {
            return new CutoverFacts.ResetReplica(!ReplicaControl.forget(session));
        }
    }
}
