package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;

/**
 * READ_ONLY(cluster), global strategy: the server refuses application writes from the moment the SET
 * returns ({@code confirmedAt}). Converging: a server already read-only is left alone and reported
 * {@code alreadyApplied}. Sessions keep running (KILL_CONNECTIONS ends them) but cannot write.
 */
@Singleton
class ReadOnlyHandler extends SqlStepHandler {

    ReadOnlyHandler(StepSupport support) {
        super(StepType.READ_ONLY, support, StepParams.CLUSTER);
    }

    @Override
    protected void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException {
        try (ClusterSession session = open(args.cluster(StepParams.CLUSTER))) {
            ReadOnlySwitch.converge(session, true).report(facts);
        }
    }
}
