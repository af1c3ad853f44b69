package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;

/**
 * READ_ONLY(cluster, strategies, exemptUsers): the server refuses application writes from
 * {@code confirmedAt} on, by the plan's read-only strategy ({@link WriteFence}). Global: sessions keep
 * running (KILL_CONNECTIONS ends them) but cannot write. Account-lock: the application accounts are
 * locked and their sessions killed before {@code confirmedAt}. Converging: a server already fenced
 * is left alone and reported {@code alreadyApplied}.
 */
@Singleton
class ReadOnlyHandler extends SqlStepHandler {

    ReadOnlyHandler(StepSupport support) {
        super(StepType.READ_ONLY, support, StepParams.CLUSTER);
    }

    private WriteFence fence(StepArguments args) throws StepFailedException {
        return WriteFence.of(support, args);
    }

    @Override
    protected void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException {
        try (ClusterSession session = open(args.cluster(StepParams.CLUSTER))) {
            fence(args).close(session, facts);
        }
    }
}
