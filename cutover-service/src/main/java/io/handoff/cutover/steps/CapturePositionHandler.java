package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
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
 * CAPTURE_POSITION(cluster = B, sourceCluster = A, strategies and exemptUsers (how both are fenced)): the new master's GTID
 * position, where reverse replication will start ({@link ClusterState#replicationStartPosition}). Facts
 * ({@link CutoverFacts.CapturePosition}): {@code position}, {@code positionReadOn} (the cluster it was read on).
 *
 * <p>Stable under redelivery: on this instance the command runner answers a redelivered command with the remembered
 * facts; on another instance (after a crash) the position is read again, and it is the same one:
 * <ul>
 *   <li>on B while B neither replicates nor takes writes: a position read while B replicates could lie past writes the
 *       old master must still receive, and reverse replication would skip them;</li>
 *   <li>once WRITABLE let writes into B (a crash after WRITABLE, before the fence's events reached the broker), on A,
 *       whose position is where B's stood then: WAIT_SYNC had B apply A's final position, and B, a fenced replica, adds
 *       nothing of its own; A stays there while it is fenced and replicates from none, which this checks (it moves
 *       once REVERSE_REPLICATION ran, and is then refused as before).</li>
 * </ul>
 * So the step's outcome need not reach the broker before WRITABLE: a fence's window sends nothing until its last step
 * ran.
 */
@Singleton
class CapturePositionHandler extends SqlStepHandler<CutoverFacts.CapturePosition> {

    CapturePositionHandler(StepSupport support) {
        super(StepType.CAPTURE_POSITION, support, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.CapturePosition converge(StepArguments args) throws SQLException, StepFailedException {
        ClusterSpec b = args.cluster();
        WriteFence fence = WriteFence.of(support, args);
        try (ClusterSession session = open(b)) {
            if (!ClusterState.replica(session).map(ReplicaState::stopped).orElse(true)) {
                throw refuse(args, b.name() + " still replicates, so its position moves",
                        "run STOP_REPLICA first; nothing was changed");
            }
            if (fence.closed(session)) {
                return facts(b, ClusterState.replicationStartPosition(session));
            }
        }
        if (args.sourceClusterName() == null) {
            throw refuse(args, b.name() + " takes application writes, so its position may include writes after the flip",
                    "the position captured before WRITABLE stands; nothing was changed");
        }
        ClusterSpec a = args.sourceCluster();
        try (ClusterSession old = open(a)) {
            if (ClusterState.replica(old).map(ReplicaState::stopped).orElse(true) && fence.closed(old)) {
                return facts(a, ClusterState.replicationStartPosition(old));
            }
        }
        throw refuse(args, b.name() + " takes application writes and " + a.name() + " replicates or takes writes too, so"
                + " neither holds the position before the flip any more", "the position captured before WRITABLE stands;"
                + " nothing was changed");
    }

    private static CutoverFacts.CapturePosition facts(ClusterSpec readOn, String position) {
        return new CutoverFacts.CapturePosition(position, readOn.name());
    }

    /**
     * Prepared after B's READ_ONLY and STOP_REPLICA in the same window, on a B that replicates and is fenced now (a first
     * delivery: a redelivered fence may meet a B that a run before the crash already made writable, whose position
     * must not be taken): both hold when it runs (the window stops at a step that fails), so only the position is read.
     */
    @Override
    protected Step<CutoverFacts.CapturePosition> prepare(StepArguments args, List<StepCommand> earlier)
            throws SQLException, StepFailedException {
        if (!ranBefore(earlier, StepType.STOP_REPLICA, args) || !ranBefore(earlier, StepType.READ_ONLY, args)) {
            return super.prepare(args, earlier);
        }
        try (ClusterSession session = open(args.cluster())) {
            if (!ClusterState.replica(session).map(ReplicaState::running).orElse(false)
                    || !WriteFence.of(support, args).closed(session)) {
                return super.prepare(args, earlier);
            }
        }
        ClusterSpec b = args.cluster();
        return () -> {
            try (ClusterSession session = open(b)) {
                return facts(b, ClusterState.replicationStartPosition(session));
            }
        };
    }
}
