package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DECOMMISSION(cluster = A, strategies, exemptUsers): retires the old master once the plan is past its
 * point of no return. Converges A to "retired": still fenced with the plan's read-only strategy (checked,
 * and applied again when something lifted it: fence first, so A is never writable longer than it must)
 * and without any replication configuration (stopped and RESET ... ALL when one is left). Drops nothing:
 * A keeps its data as the fallback copy the operator may archive.
 *
 * <p>Under {@code security-group-swap} "fenced" means the cluster holds its restricted security group.
 *
 * <p>Facts: {@code finalPosition} (the GTID position A wrote last; it no longer moves), {@code fenced}
 * and {@code replicationConfigured} (read back after the changes), {@code actions} (what had to be done)
 * and {@code alreadyApplied} (nothing had to be). A repeat finds A retired and reports the same position.
 * A failure leaves A either still fenced or, at worst, still holding a stopped replica configuration; a
 * retry finishes the job.
 */
@Singleton
class DecommissionHandler extends SqlStepHandler {

    DecommissionHandler(StepSupport support) {
        super(StepType.DECOMMISSION, support, StepParams.CLUSTER);
    }

    @Override
    protected void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException {
        ClusterSpec a = args.cluster();
        WriteFence fence = WriteFence.of(support, args);
        List<String> actions = new ArrayList<>();
        try (ClusterSession session = open(a)) {
            if (!fence.closed(session)) {
                Map<String, Object> fenced = new LinkedHashMap<>();
                fence.close(session, fenced);
                actions.add("fenced again (application writes had been let in)");
            }
            if (ReplicaControl.forget(session)) {
                actions.add("replication stopped and reset");
            }
            boolean stillFenced = fence.closed(session);
            boolean replicating = ClusterState.replica(session).isPresent();
            facts.put(StepParams.FACT_FINAL_POSITION, ClusterState.currentGtid(session));
            facts.put(StepParams.FACT_FENCED, stillFenced);
            facts.put(StepParams.FACT_REPLICATION_CONFIGURED, replicating);
            facts.put(StepParams.FACT_ACTIONS, List.copyOf(actions));
            facts.put(StepParams.FACT_ALREADY_APPLIED, actions.isEmpty());
            if (!stillFenced || replicating) {
                throw refuse(args, a.name() + (stillFenced ? "" : " takes application writes")
                        + (!stillFenced && replicating ? " and" : "") + (replicating ? " still holds a replication configuration" : "")
                        + " after retiring it", "something changes it concurrently; find what before retrying");
            }
        }
    }
}
