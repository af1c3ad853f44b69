package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;

/**
 * RESET_REPLICA(cluster): stops replication and forgets its configuration entirely.
 * {@code alreadyApplied} when the server is not a replica.
 */
@Singleton
class ResetReplicaHandler extends SqlStepHandler {

    ResetReplicaHandler(StepSupport support) {
        super(StepType.RESET_REPLICA, support, StepParams.CLUSTER);
    }

    @Override
    protected void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException {
        try (ClusterSession session = open(args.cluster())) {
            facts.put(StepParams.FACT_ALREADY_APPLIED, !ReplicaControl.forget(session));
        }
    }
}
