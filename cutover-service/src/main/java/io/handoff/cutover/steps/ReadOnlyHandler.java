package io.handoff.cutover.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.sql.HeartbeatFence;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * READ_ONLY(cluster, strategies, exemptUsers): the server refuses application writes from
 * {@code confirmedAt} on, by the plan's read-only strategy ({@link WriteFence}). Global: sessions keep
 * running (KILL_CONNECTIONS ends them) but cannot write. Account-lock: the application accounts are
 * locked and their sessions killed before {@code confirmedAt}. Converging: a server already fenced
 * is left alone and reported {@code alreadyApplied}.
 *
 * <p>Optional {@code targetCluster} (the old master's READ_ONLY names the new master): before anything
 * changes, the pair must not be able to end with two writable masters ({@link WriteFence#requireOneMaster});
 * otherwise the step is refused, terminal, having changed nothing.
 * Then, still before the fence, the plan's heartbeat is stopped on this server by its fence marker
 * ({@link HeartbeatFence}, fact {@code heartbeatFenced}): the monitor's administrative account is
 * spared by account-lock and security-group-swap, and its heartbeat would otherwise go on as errant
 * transactions of the old master.
 *
 * <p>Facts: {@link CutoverFacts.ReadOnly}. A failure once the marker is in place reports {@code heartbeatFenced} only.
 */
@Singleton
class ReadOnlyHandler extends SqlStepHandler<CutoverFacts.ReadOnly> {

    ReadOnlyHandler(StepSupport support) {
        super(StepType.READ_ONLY, support, StepParams.CLUSTER);
    }

    /**
     * Run again after the later steps of its fence: the old master is fenced already (nothing to change), and the fence
     * sends this outcome before the new master's WRITABLE (with CAPTURE_POSITION's), so the check of the other server
     * meets it read-only as on a first run.
     */
    @Override
    public boolean convergesAfterTheLaterStepsOfItsFence() {
        return true;
    }

    private WriteFence fence(StepArguments args) throws StepFailedException {
        return WriteFence.of(support, args);
    }

    @Override
    protected CutoverFacts.ReadOnly converge(StepArguments args) throws SQLException, StepFailedException {
        WriteFence fence = fence(args);
        try (ClusterSession session = open(args.cluster())) {
            Boolean heartbeatFenced = null;
            List<String> eventsDisabled = List.of();
            try {
                if (args.namesTargetCluster()) {
                    // The flip's other server, checked before this one is fenced: a flip that could leave two writable
                    // masters is refused before any change, not half-way through.
                    try (ClusterSession other = open(args.targetCluster())) {
                        fence.requireOneMaster(session, other);
                    }
                    heartbeatFenced = stopHeartbeat(session, args.planId());
                    eventsDisabled = FlipEvents.stop(session);
                }
                return facts(fence.close(session), heartbeatFenced, eventsDisabled);
            } catch (SQLException | StepFailedException e) {
                throw failure(args, e, heartbeatFenced == null ? null
                        : new CutoverFacts.ReadOnly(null, null, heartbeatFenced, null, null, null, null, null,
                                eventsDisabled.isEmpty() ? null : eventsDisabled));
            }
        }
    }

    /** What closing did, and the events stopped before it (the flip's old master), as READ_ONLY reports it. */
    static CutoverFacts.ReadOnly facts(WriteFence.Closed closed, Boolean heartbeatFenced, List<String> eventsDisabled) {
        AccountLock.Outcome locked = closed.locked();
        return new CutoverFacts.ReadOnly(closed.alreadyApplied() && eventsDisabled.isEmpty(), closed.confirmedAt().toString(),
                heartbeatFenced,
                locked == null ? null : locked.accounts(), locked == null ? null : locked.binlogged(),
                locked != null && locked.heldReadOnly() ? Boolean.TRUE : null,
                closed.killed() == null ? null : closed.killed().facts(),
                closed.swapped() == null ? null : closed.swapped().facts(), eventsDisabled.isEmpty() ? null : eventsDisabled);
    }

    /**
     * Prepared (a READ_ONLY inside a fence's window, which names no other server): a server that its own switch
     * (global, rds-read-only) holds read-only now is reported {@code alreadyApplied}, confirmed at that read, and nothing
     * runs inside the window; otherwise the whole step runs there.
     */
    @Override
    protected Step<CutoverFacts.ReadOnly> prepare(StepArguments args, List<StepCommand> earlier)
            throws SQLException, StepFailedException {
        if (!args.namesTargetCluster()) {
            WriteFence fence = fence(args);
            try (ClusterSession session = open(args.cluster())) {
                if (fence.byOwnSwitch(session) && ClusterState.readOnly(session)) {
                    CutoverFacts.ReadOnly held = new CutoverFacts.ReadOnly(true, Instant.now().toString(), null, null, null,
                            null, null, null, null);
                    return () -> held;
                }
            }
        }
        return super.prepare(args, earlier);
    }

    /**
     * Commits the plan's fence marker on the old master before it is fenced, so that the plan's monitor
     * heartbeat writes there no more ({@link HeartbeatFence}: the marker's insert waits for a heartbeat in
     * flight, and later heartbeats see it). Nothing when no monitor ever ran there (no heartbeat table) or
     * the marker is there already (a redelivery: it was committed before the fence). Returns whether the
     * marker is in place.
     */
    private static boolean stopHeartbeat(ClusterSession session, String planId) throws SQLException {
        if (session.queryNumber(HeartbeatFence.tableExists()).intValue() == 0) {
            return false;
        }
        if (session.queryNumber(HeartbeatFence.markerPresent(planId)).intValue() == 0) {
            session.execute(HeartbeatFence.mark(planId));
        }
        return true;
    }
}
