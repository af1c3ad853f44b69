package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.sql.StrategyNotSupportedException;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.cluster.ReplicaState;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ROLLBACK(cluster = A, the master to restore; targetCluster = B; optional exemptUsers, timeoutMs,
 * strategies: B is fenced and A opened with the plan's read-only and kill strategies):
 * undoes a flip that failed before DNS moved. Converges, in this order, to:
 * <ol>
 *   <li>B read-only with its non-exempt sessions killed: B's position is final before A compares
 *       with it, and no client writes to B after A caught up;</li>
 *   <li>A not replicating from B: if it was, A first waits (server-side) until it has applied B's
 *       position, so nothing B acknowledged is lost, then its replica is stopped and reset;</li>
 *   <li>B read-only by its own switch (as every replica; skipped where the flavor cannot) and replicating
 *       from A: started if its configuration still points at A (it resumes where it
 *       stopped), otherwise configured from A at B's current GTID position with A's replication
 *       account: before A takes a write, so that B receives every one;</li>
 *   <li>A writable, last: until here there is no writable master at all, never two; then the events it keeps off as
 *       a replica enabled.</li>
 * </ol>
 * B's enabled events are set {@code DISABLE ON SLAVE} before it is fenced, and A's kept off enabled after it is
 * writable ({@link FlipEvents}), as the flip moved them the other way.
 * Under {@code account-lock}, a server that binlogs its locks needs a peer that can be held read-only
 * ({@link WriteFence#requireOneMaster}); checked first, otherwise the step is refused having changed nothing.
 * Fact {@code actions}: what was done, in order; empty (and {@code alreadyApplied}) when everything
 * was in place, which is what a repeat finds; a failure reports what was done before it
 * ({@link CutoverFacts.Rollback}).
 */
@Singleton
class RollbackHandler extends SqlStepHandler<CutoverFacts.Rollback> {

    RollbackHandler(StepSupport support) {
        super(StepType.ROLLBACK, support, StepParams.CLUSTER, StepParams.TARGET_CLUSTER);
    }

    @Override
    protected CutoverFacts.Rollback converge(StepArguments args) throws SQLException, StepFailedException {
        ClusterSpec a = args.cluster();
        ClusterSpec b = args.targetCluster();
        List<String> actions = new ArrayList<>();
        FlipStrategies strategies = FlipStrategies.of(args);
        Set<String> exempt = args.exemptUsers();
        WriteFence fence = WriteFence.of(support, args);
        try (ClusterSession sa = open(a); ClusterSession sb = open(b)) {
            // Both checked before anything changes: a rollback that could fence B but not open A unreplicated stops here.
            fence.requireOneMaster(sa, sb);
            fenceB(fence, new SessionKiller(support.connections, strategies.kill()), exempt, sb, actions);
            detachAFromB(args, sa, sb, actions);
            reattachBToA(sb, a, args.replicationEncrypted(), actions);
            if (!fence.open(sa).alreadyApplied()) {
                actions.add("made " + a.name() + " writable");
            }
            FlipEvents.Started started = FlipEvents.startOrWarn(sa, FlipEvents.keptOff(sa));
            if (!started.events().isEmpty()) {
                actions.add("enabled events " + started.events() + " on " + a.name());
            }
            if (started.warning() != null) {
                actions.add(started.warning());
            }
        } catch (SQLException | StepFailedException | StrategyNotSupportedException e) {
            throw failure(args, e, new CutoverFacts.Rollback(List.copyOf(actions), null));
        }
        return new CutoverFacts.Rollback(List.copyOf(actions), actions.isEmpty());
    }

    private static void fenceB(WriteFence fence, SessionKiller killer, Set<String> exempt, ClusterSession sb,
            List<String> actions) throws SQLException, StepFailedException {
        String b = sb.cluster().name();
        List<String> stopped = FlipEvents.stop(sb);
        if (!stopped.isEmpty()) {
            actions.add("set events " + stopped + " DISABLE ON SLAVE on " + b);
        }
        if (!fence.close(sb).alreadyApplied()) {
            actions.add("made " + b + " read-only");
        }
        SessionKiller.Report killed = killer.killAll(sb, exempt);
        if (killed.killed() > 0) {
            actions.add("killed " + killed.killed() + " sessions on " + b + " " + killed.users());
        }
    }

    private void detachAFromB(StepArguments args, ClusterSession sa, ClusterSession sb, List<String> actions)
            throws SQLException, StepFailedException {
        String a = sa.cluster().name();
        String b = sb.cluster().name();
        Optional<ReplicaState> replica = ClusterState.replica(sa);
        if (replica.isEmpty() || !replica.get().replicatesFrom(sb.cluster())) {
            return;
        }
        if (ReplicaControl.resume(sa, replica.get())) {
            actions.add("started " + a + "'s replica of " + b + " to catch up");
        }
        String position = ClusterState.currentGtid(sb);
        GtidWait.Result caughtUp = GtidWait.await(sa, position, args.timeout(support.config.defaultWaitTimeout()));
        if (caughtUp.applierFailed()) {
            throw StepFailedException.terminal("ROLLBACK stopped: " + a + " (A)'s replication of " + b + " (B) stopped on an"
                    + " error before it applied B's position '" + position + "': " + caughtUp.applierError(), stateOf(args)
                    + ": nothing is writable; mend A's replication (the error above), then ROLLBACK again");
        }
        if (!caughtUp.reached()) {
            throw StepFailedException.terminal("ROLLBACK timed out after " + caughtUp.timeout().toSeconds() + " s waiting for "
                    + a + " (A) to apply " + b + " (B)'s position '" + position + "'; A has applied '" + ClusterState.executedGtid(sa)
                    + "'", stateOf(args) + ": nothing is writable; mend A's replication, then ROLLBACK again");
        }
        actions.add(a + " applied " + b + "'s position " + position + " in " + caughtUp.waitedMs() + " ms");
        ReplicaControl.forget(sa);
        actions.add("stopped and reset " + a + "'s replica of " + b);
    }

    private static void reattachBToA(ClusterSession sb, ClusterSpec source, boolean encrypted, List<String> actions)
            throws SQLException {
        String a = source.name();
        String b = sb.cluster().name();
        // A replica again: read-only by its own switch too, whatever the strategy (ReplicaReadOnly; skipped where impossible).
        if (ReplicaReadOnly.keep(sb).switchedOn()) {
            actions.add("made " + b + " read-only as a replica");
        }
        Optional<ReplicaState> replica = ClusterState.replica(sb);
        if (replica.isPresent() && replica.get().replicatesFrom(source)) {
            ReplicaState before = replica.get();
            if (ReplicaControl.resume(sb, before)) {
                actions.add(before.applierFailed()
                        ? "started " + b + "'s replica of " + a + ", which had stopped on an error (it stops again until"
                                + " the error is mended): " + before.applierError()
                        : "started " + b + "'s replica of " + a);
            }
            return;
        }
        String position = ClusterState.replicationStartPosition(sb);
        ReplicaControl.configure(sb, replica, source, position, encrypted);
        actions.add("made " + b + " replicate from " + a + " at " + position);
    }
}
