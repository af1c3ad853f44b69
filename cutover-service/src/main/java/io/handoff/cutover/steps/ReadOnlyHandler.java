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
 *
 * <p>Optional {@code targetCluster} (the old master's READ_ONLY names the new master): before anything
 * changes, the fence must be possible on that server too without its statements replicating
 * ({@link WriteFence#requireUnreplicated}); otherwise the step is refused, terminal, having changed nothing.
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
        WriteFence fence = fence(args);
        if (args.has(StepParams.TARGET_CLUSTER)) {
            // The flip's other server, checked before this one is fenced: a flip whose new master could not be fenced
            // or opened without replicating its locks is refused before any change, not half-way through.
            try (ClusterSession other = open(args.cluster(StepParams.TARGET_CLUSTER))) {
                fence.requireUnreplicated(other);
            }
        }
        try (ClusterSession session = open(args.cluster(StepParams.CLUSTER))) {
            fence.close(session, facts);
        }
    }
}
