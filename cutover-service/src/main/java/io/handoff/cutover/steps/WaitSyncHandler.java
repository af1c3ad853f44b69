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
import java.time.Duration;
import io.handoff.common.event.StepCommand;
import java.util.List;
import java.util.Optional;

/**
 * WAIT_SYNC(cluster = B, sourceCluster = A, timeoutMs, strategies and exemptUsers (which say how A
 * was fenced: with account-lock, every application account of A must be locked)): waits until the new master B has applied the
 * old master A's final GTID position, with the server-side wait of the dialect.
 *
 * <p>Order: A must already be read-only, otherwise its position is not final and B could stop
 * short of writes A still acknowledges; the position is read from A, then B waits for it. Converging:
 * a repeat reads the same final position and returns at once. Facts ({@link CutoverFacts.WaitSync}): {@code position}
 * (A's final position), {@code waitedMs}; a failure once the position is read reports it, and a timeout or a stopped
 * applier also what B had applied ({@code replicaPosition}). A timeout is terminal: A stays read-only and B
 * replicating, which is exactly what ROLLBACK restores from.
 *
 * <p>A replica whose applier stopped on an error will never reach the position: WAIT_SYNC fails at once, terminal,
 * instead of holding the applications' writes for the whole timeout: checked on the replica state read before the
 * wait, and by {@link GtidWait} between the slices of its wait.
 */
@Singleton
class WaitSyncHandler extends SqlStepHandler<CutoverFacts.WaitSync> {

    WaitSyncHandler(StepSupport support) {
        super(StepType.WAIT_SYNC, support, StepParams.SOURCE_CLUSTER, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.WaitSync converge(StepArguments args) throws SQLException, StepFailedException {
        return awaitFinalPosition(args, true, true);
    }

    /**
     * Prepared: B's replication from A, with a working applier, is checked now; inside the window A's final position is
     * read and waited for ({@link GtidWait} still ends early on an applier that stops on an error meanwhile). When A's
     * READ_ONLY is one of the fence's steps before it, A is not read again for being fenced: it is, or the window would
     * have stopped there.
     */
    @Override
    protected Step<CutoverFacts.WaitSync> prepare(StepArguments args, List<StepCommand> earlier)
            throws SQLException, StepFailedException {
        try (ClusterSession sb = open(args.cluster())) {
            Optional<ReplicaState> replica = ClusterState.replica(sb);
            if (replica.isEmpty() || !replica.get().replicatesFrom(args.sourceCluster())
                    || replica.get().applierFailed()) {
                return super.prepare(args, earlier);
            }
        }
        boolean fenced = ranBefore(earlier, StepType.READ_ONLY, args.sourceClusterName());
        return () -> awaitFinalPosition(args, !fenced, false);
    }

    private CutoverFacts.WaitSync awaitFinalPosition(StepArguments args, boolean checkFenced, boolean checkReplica)
            throws SQLException, StepFailedException {
        ClusterSpec a = args.sourceCluster();
        ClusterSpec b = args.cluster();
        Duration timeout = args.timeout(support.config.defaultWaitTimeout());
        try (ClusterSession sa = open(a); ClusterSession sb = open(b)) {
            FlipStrategies strategies = FlipStrategies.of(args);
            if (checkFenced && !WriteFence.of(support, args).closed(sa)) {
                throw refuse(args, a.name() + " (A) still takes application writes (read-only strategy '"
                        + strategies.readOnly().name + "'), so its position is not final",
                        "make A read-only (READ_ONLY) first; nothing was changed");
            }
            String position = ClusterState.currentGtid(sa);
            try {
                if (checkReplica) {
                    Optional<ReplicaState> replica = ClusterState.replica(sb);
                    if (replica.isEmpty() || !replica.get().replicatesFrom(a)) {
                        throw refuse(args, b.name() + " (B) does not replicate from " + a.name() + " (A), so it cannot reach"
                                + " A's position " + position, "ROLLBACK restores A");
                    }
                    if (replica.get().applierFailed()) {
                        throw applierFailed(args, sb, position, replica.get().applierError(), 0);
                    }
                }
                GtidWait.Result result = GtidWait.await(sb, position, timeout);
                if (result.applierFailed()) {
                    throw applierFailed(args, sb, position, result.applierError(), result.waitedMs());
                }
                if (!result.reached()) {
                    throw timedOut(sb, a, b, position, result);
                }
                return new CutoverFacts.WaitSync(position, result.waitedMs(), null);
            } catch (SQLException | StepFailedException e) {
                throw failure(args, e, new CutoverFacts.WaitSync(position, null, null));
            }
        }
    }

    /** B's applier stopped on {@code error}: B will not reach A's final position until someone mends it. */
    private StepFailedException applierFailed(StepArguments args, ClusterSession sb, String position, String error,
            long waitedMs) throws SQLException {
        CutoverFacts.WaitSync facts = new CutoverFacts.WaitSync(position, waitedMs, ClusterState.executedGtid(sb));
        return new StepFailedException("WAIT_SYNC failed: " + sb.cluster().name() + " (B)'s replication stopped on an"
                + " error before it applied A's final position '" + position + "': " + error, false,
                stateOf(args) + ": A is read-only, B's applier is stopped on that error: ROLLBACK restores A;"
                        + " B's replication must be mended (the error above) before another flip", facts, null);
    }

    private static StepFailedException timedOut(ClusterSession sb, ClusterSpec a, ClusterSpec b, String position,
            GtidWait.Result result) throws SQLException {
        String applied = ClusterState.executedGtid(sb);
        CutoverFacts.WaitSync facts = new CutoverFacts.WaitSync(position, result.waitedMs(), applied);
        String replica = ClusterState.replica(sb).map(ReplicaState::describe).orElse("not a replica any more");
        return new StepFailedException("WAIT_SYNC timed out after " + result.timeout().toSeconds() + " s: " + b.name()
                + " (B) has applied " + quoted(applied) + " but not yet " + a.name() + " (A)'s final position " + quoted(position)
                + "; B is " + replica, false,
                "A (" + a.name() + ") is read-only, B (" + b.name() + ") still replicating: ROLLBACK restores A", facts, null);
    }

    private static String quoted(String position) {
        return "'" + position + "'";
    }
}
