package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.cutover.rds.ManagedClusters;
import io.handoff.cutover.rds.RdsTarget;
import io.handoff.cutover.rds.SecurityGroupSwap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PRECHECK's findings for a plan whose read-only strategy is {@code security-group-swap}: every cluster the
 * flip fences (source and target) must have its RDS settings ({@code handoff.rds.clusters.<name>.*}, with
 * a restricted group that is not one of its normal groups), and the RDS API must read it. Missing or
 * wrong settings, or a cluster the API does not know, are BLOCKING; an API that does not answer now is a
 * WARNING (it may answer at the flip).
 */
final class SecurityGroupSwapPrecheck {
    static final String CHECK = "security_group_swap";

    private SecurityGroupSwapPrecheck() {
    }

    static List<Finding> evaluate(ManagedClusters managed, SecurityGroupSwap swap, List<ClusterSpec> clusters) {
        List<Finding> findings = new ArrayList<>();
        for (ClusterSpec cluster : clusters) {
            Optional<String> problem = managed.swapProblem(cluster.name());
            if (problem.isPresent()) {
                findings.add(Finding.blocking(CHECK, cluster.name(), "read-only strategy 'security-group-swap' is impossible: "
                        + problem.get()));
                continue;
            }
            RdsTarget target = managed.find(cluster.name()).orElseThrow();
            boolean[] terminal = {false};
            swap.readProblem(target, terminal).ifPresent(unreadable -> findings.add(terminal[0]
                    ? Finding.blocking(CHECK, cluster.name(), unreadable)
                    : Finding.warning(CHECK, cluster.name(), unreadable + " (the flip needs the RDS API to answer)")));
        }
        return findings;
    }
}
