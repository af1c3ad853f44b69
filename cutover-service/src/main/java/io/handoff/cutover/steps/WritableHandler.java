package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.cluster.ReplicaState;
import io.handoff.cutover.cluster.ScheduledEvents;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import io.handoff.common.event.StepCommand;
import java.util.List;

/**
 * WRITABLE(cluster = B, strategies, exemptUsers): the new master takes application writes from
 * {@code confirmedAt} (read-only switched off, or with account-lock its application accounts unlocked).
 * Refused while B still replicates (its source could still write into it: two masters); converging:
 * {@code alreadyApplied} when B is writable already. Then the scheduled events B keeps off as a replica are enabled
 * ({@link FlipEvents#startOrWarn}: a refusal is a warning, not a failure): the old master's READ_ONLY stopped them
 * there. Facts: {@link CutoverFacts.Writable}.
 */
@Singleton
class WritableHandler extends SqlStepHandler<CutoverFacts.Writable> {

    WritableHandler(StepSupport support) {
        super(StepType.WRITABLE, support, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.Writable converge(StepArguments args) throws SQLException, StepFailedException {
        ClusterSpec b = args.cluster();
        try (ClusterSession session = open(b)) {
            if (!ClusterState.replica(session).map(ReplicaState::stopped).orElse(true)) {
                throw refuse(args, b.name() + " still replicates", "run STOP_REPLICA first; nothing was changed");
            }
            WriteFence.Opened opened = WriteFence.of(support, args).open(session);
            return facts(opened, FlipEvents.startOrWarn(session, FlipEvents.keptOff(session)));
        }
    }

    /** What opening did, and the events enabled after it, as WRITABLE reports it. */
    static CutoverFacts.Writable facts(WriteFence.Opened opened, List<String> eventsEnabled, String eventsWarning) {
        AccountLock.Outcome unlocked = opened.unlocked();
        return new CutoverFacts.Writable(opened.alreadyApplied() && eventsEnabled.isEmpty(), opened.confirmedAt().toString(),
                unlocked == null ? null : unlocked.accounts(), unlocked == null ? null : unlocked.binlogged(),
                opened.swapped() == null ? null : opened.swapped().facts(), eventsEnabled.isEmpty() ? null : eventsEnabled,
                eventsWarning);
    }

    private static CutoverFacts.Writable facts(WriteFence.Opened opened, FlipEvents.Started started) {
        return facts(opened, started.events(), started.warning());
    }

    /**
     * Prepared after B's READ_ONLY and STOP_REPLICA in the same fence: B no longer replicates when it runs, so that is
     * not read again; and when B's own switch fences it and was found closed now, READ_ONLY kept it so, and the
     * switch is set without reading it first.
     */
    @Override
    protected Step<CutoverFacts.Writable> prepare(StepArguments args, List<StepCommand> earlier)
            throws SQLException, StepFailedException {
        if (!ranBefore(earlier, StepType.STOP_REPLICA, args)) {
            return super.prepare(args, earlier);
        }
        WriteFence fence = WriteFence.of(support, args);
        boolean knownClosed;
        List<ScheduledEvents.Event> keptOff;
        try (ClusterSession session = open(args.cluster())) {
            knownClosed = ranBefore(earlier, StepType.READ_ONLY, args) && fence.byOwnSwitch(session)
                    && ClusterState.readOnly(session);
            // A replica until STOP_REPLICA: what it keeps off now is what it keeps off then (an event statement the
            // old master writes before its fence arrives kept off too).
            keptOff = FlipEvents.keptOff(session);
        }
        return () -> {
            try (ClusterSession session = open(args.cluster())) {
                WriteFence.Opened opened = knownClosed ? fence.openKnownClosed(session) : fence.open(session);
                return facts(opened, FlipEvents.startOrWarn(session, keptOff));
            }
        };
    }
}
