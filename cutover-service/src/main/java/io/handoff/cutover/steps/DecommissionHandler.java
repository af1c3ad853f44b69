package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * DECOMMISSION(cluster = A, strategies, exemptUsers): retires the old master once the plan is past its
 * point of no return. Converges A to "retired": still fenced with the plan's read-only strategy (checked,
 * and applied again when something lifted it: fence first, so A is never writable longer than it must)
 * and without any replication configuration (stopped and RESET ... ALL when one is left). Drops nothing:
 * A keeps its data as the fallback copy the operator may archive.
 *
 * <p>Under {@code security-group-swap} "fenced" means the cluster holds its restricted security group.
 *
 * <p>Facts ({@link CutoverFacts.Decommission}): {@code finalPosition} (the GTID position A wrote last; it no longer
 * moves), {@code fenced} and {@code replicationConfigured} (read back after the changes), {@code actions} (what had
 * to be done) and {@code alreadyApplied} (nothing had to be); the same facts when A is not retired after all (refused).
 * A repeat finds A retired and reports the same position.
 * A failure leaves A either still fenced or, at worst, still holding a stopped replica configuration; a
 * retry finishes the job.
 */
@Singleton
class DecommissionHandler extends SqlStepHandler<CutoverFacts.Decommission> {

    DecommissionHandler(StepSupport support) {
        super(StepType.DECOMMISSION, support, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.Decommission converge(StepArguments args) throws SQLException, StepFailedException {
        ClusterSpec a = args.cluster();
        WriteFence fence = WriteFence.of(support, args);
        List<String> actions = new ArrayList<>();
        try (ClusterSession session = open(a)) {
            if (!fence.closed(session)) {
                fence.close(session);
                actions.add("fenced again (application writes had been let in)");
            }
            if (ReplicaControl.forget(session)) {
                actions.add("replication stopped and reset");
            }
            boolean stillFenced = fence.closed(session);
            boolean replicating = ClusterState.replica(session).isPresent();
            CutoverFacts.Decommission facts = new CutoverFacts.Decommission(ClusterState.currentGtid(session), stillFenced,
                    replicating, List.copyOf(actions), actions.isEmpty());
            if (!stillFenced || replicating) {
                throw refuse(args, a.name() + (stillFenced ? "" : " takes application writes")
                        + (!stillFenced && replicating ? " and" : "") + (replicating ? " still holds a replication configuration" : "")
                        + " after retiring it", "something changes it concurrently; find what before retrying", facts);
            }
            return facts;
        }
    }
}
