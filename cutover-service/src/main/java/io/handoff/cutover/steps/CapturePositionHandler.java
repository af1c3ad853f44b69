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
import io.handoff.common.event.StepCommand;
import java.util.List;
import java.util.Map;

/**
 * CAPTURE_POSITION(cluster = B, strategies and exemptUsers (how B is fenced)): the new master's GTID position, where reverse replication will
 * start ({@link ClusterState#replicationStartPosition}). Fact: {@code position}.
 *
 * <p>Stable under redelivery: on this instance the command runner answers a redelivered command with
 * the remembered facts; on another instance the position is read again, and it is the same one
 * because B is refused here unless it neither replicates nor takes writes: a position read while B
 * replicates or is writable could lie past writes the old master must still receive, and reverse
 * replication would skip them.
 */
@Singleton
class CapturePositionHandler extends SqlStepHandler {

    CapturePositionHandler(StepSupport support) {
        super(StepType.CAPTURE_POSITION, support, StepParams.CLUSTER);
    }

    @Override
    protected void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException {
        ClusterSpec b = args.cluster(StepParams.CLUSTER);
        try (ClusterSession session = open(b)) {
            if (!ClusterState.replica(session).map(ReplicaState::stopped).orElse(true)) {
                throw refuse(args, b.name() + " still replicates, so its position moves",
                        "run STOP_REPLICA first; nothing was changed");
            }
            if (!WriteFence.of(support, args).closed(session)) {
                throw refuse(args, b.name() + " takes application writes, so its position may include writes after the flip",
                        "the position captured before WRITABLE stands; nothing was changed");
            }
            facts.put(StepParams.FACT_POSITION, ClusterState.replicationStartPosition(session));
        }
    }

    /**
     * Once WRITABLE let writes into B, its position moves on and a redelivered fence could not read the one reverse
     * replication must start from: the outcome is sent before WRITABLE runs.
     */
    @Override
    protected boolean outcomeLostToARedelivery() {
        return true;
    }

    /**
     * Prepared after B's READ_ONLY and STOP_REPLICA in the same window, on a B that replicates and is fenced now (a first
     * delivery: a redelivered fence may meet a B that a run before the crash already made writable, whose position
     * must not be taken): both hold when it runs (the window stops at a step that fails), so only the position is read.
     */
    @Override
    protected Step prepare(StepArguments args, List<StepCommand> earlier) throws SQLException, StepFailedException {
        if (!ranBefore(earlier, StepType.STOP_REPLICA, args) || !ranBefore(earlier, StepType.READ_ONLY, args)) {
            return super.prepare(args, earlier);
        }
        try (ClusterSession session = open(args.cluster(StepParams.CLUSTER))) {
            if (!ClusterState.replica(session).map(ReplicaState::running).orElse(false)
                    || !WriteFence.of(support, args).closed(session)) {
                return super.prepare(args, earlier);
            }
        }
        return facts -> {
            try (ClusterSession session = open(args.cluster(StepParams.CLUSTER))) {
                facts.put(StepParams.FACT_POSITION, ClusterState.replicationStartPosition(session));
            }
        };
    }
}
