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
 * WRITABLE(cluster = B, strategies, exemptUsers): the new master takes application writes from
 * {@code confirmedAt} (read-only switched off, or with account-lock its application accounts unlocked).
 * Refused while B still replicates (its source could still write into it: two masters); converging:
 * {@code alreadyApplied} when B is writable already. Facts: {@link CutoverFacts.Writable}.
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
            return facts(WriteFence.of(support, args).open(session));
        }
    }

    /** What opening did, as WRITABLE reports it. */
    static CutoverFacts.Writable facts(WriteFence.Opened opened) {
        AccountLock.Outcome unlocked = opened.unlocked();
        return new CutoverFacts.Writable(opened.alreadyApplied(), opened.confirmedAt().toString(),
                unlocked == null ? null : unlocked.accounts(), unlocked == null ? null : unlocked.binlogged(),
                opened.swapped() == null ? null : opened.swapped().facts());
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
        try (ClusterSession session = open(args.cluster())) {
            knownClosed = ranBefore(earlier, StepType.READ_ONLY, args) && fence.byOwnSwitch(session)
                    && ClusterState.readOnly(session);
        }
        return () -> {
            try (ClusterSession session = open(args.cluster())) {
                return facts(knownClosed ? fence.openKnownClosed(session) : fence.open(session));
            }
        };
    }
}
